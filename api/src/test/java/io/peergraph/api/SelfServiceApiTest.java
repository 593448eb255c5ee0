package io.peergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class SelfServiceApiTest {

    static final String CREATE_CONFIGURATION = """
            mutation($input: CreateConfigurationInput!) {
              createConfiguration(input: $input) { id name privacy listedInPeers items { id kind value } }
            }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    @Test
    void aCustomerRegistersStuffAndReportsASymptom() {
        String alice = api.newCustomer();

        JsonNode me = api.post(alice, "{ me { customer { id handle kind } roles } }").data().path("me");
        assertThat(me.path("customer").path("id").asText()).startsWith("cus_");
        assertThat(me.path("roles").toString()).contains("CUSTOMER");

        JsonNode item = api.post(alice, """
                mutation { createItem(input: {productName: "Steam Deck", nickname: "deck", acquiredOn: "2023-01-02"}) {
                  id nickname acquiredOn status privacy product { id name verified } } }""").data().path("createItem");
        assertThat(item.path("product").path("verified").asBoolean()).isFalse();
        assertThat(item.path("privacy").asText()).isEqualTo("PRIVATE");
        assertThat(item.path("acquiredOn").asText()).isEqualTo("2023-01-02");

        JsonNode config = api.post(alice, CREATE_CONFIGURATION, Map.of("input", Map.of("name", "Gaming PC", "item", item.path("id").asText(),
                "items", List.of(Map.of("kind", "GPU", "value", "  Radeon   RX 580 "), Map.of("kind", "driver", "value", "Mesa 20.0")))))
                .data().path("createConfiguration");
        // the importer's normalisers: the GPU resolves against pci.ids, with its vendor and family (issue 18)
        assertThat(config.path("items").findValuesAsText("kind")).containsExactlyInAnyOrder("gpu", "gpu_vendor", "gpu_family", "driver");
        assertThat(config.path("items").findValuesAsText("value")).contains("AMD Radeon RX 580");
        assertThat(config.path("privacy").asText()).isEqualTo("COMMUNITY");

        Symptom crackling = symptoms.findOrAdd("audio/crackling", "Crackling audio", null);
        JsonNode report = api.post(alice, """
                mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) {
                  id title status mine peer { pseudonym } configuration { id } symptoms { key } } }""",
                Map.of("input", Map.of("configuration", config.path("id").asText(), "symptoms", List.of(crackling.id()),
                        "title", "Crackling in every game"))).data().path("reportSymptom");
        assertThat(report.path("mine").asBoolean()).isTrue();
        assertThat(report.path("peer").isNull()).isTrue();
        assertThat(report.path("configuration").path("id").asText()).isEqualTo(config.path("id").asText());
        assertThat(report.path("symptoms").findValuesAsText("key")).containsExactly("audio/crackling");

        JsonNode mine = api.post(alice, "{ me { items { edges { node { id } } } configurations { edges { node { id } } } reports { edges { node { id } } } } }")
                .data().path("me");
        assertThat(mine.path("items").path("edges")).hasSize(1);
        assertThat(mine.path("configurations").path("edges")).hasSize(1);
        assertThat(mine.path("reports").path("edges").get(0).path("node").path("id").asText()).isEqualTo(report.path("id").asText());
    }

    @Test
    void equalConfigurationItemsAreOneNodeAcrossCustomers() {
        var input = Map.<String, Object>of("input", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "GeForce GTX 1070"))));
        String first = api.post(api.newCustomer(), CREATE_CONFIGURATION, input).data().path("createConfiguration").path("items").get(0).path("id").asText();
        var variant = Map.<String, Object>of("input", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "geforce  gtx 1070"))));
        String second = api.post(api.newCustomer(), CREATE_CONFIGURATION, variant).data().path("createConfiguration").path("items").get(0).path("id").asText();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void confirmingAgainWithoutANoteKeepsTheNoteAndAnEmptyNoteRemovesIt() {
        String alice = api.newCustomer();
        String config = api.post(alice, CREATE_CONFIGURATION, Map.of("input", Map.of("name", "pc", "items", List.of(Map.of("kind", "os", "value", "Arch")))))
                .data().path("createConfiguration").path("id").asText();
        Symptom crackling = symptoms.findOrAdd("audio/crackling", "Crackling audio", null);
        String solution = api.post(alice, "mutation($s: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Lower the latency\"}) { id } }",
                Map.of("s", crackling.id())).data().path("proposeSolution").path("id").asText();
        String confirm = "mutation($s: ID!, $c: ID!, $w: Boolean!, $n: String) { confirmSolution(input: {solution: $s, configuration: $c, worked: $w, note: $n}) { worked note } }";
        String withoutNote = "mutation($s: ID!, $c: ID!) { confirmSolution(input: {solution: $s, configuration: $c, worked: false}) { worked note } }";

        api.post(alice, confirm, Map.of("s", solution, "c", config, "w", true, "n", "PULSE_LATENCY_MSEC=60 fixed it")).data();
        JsonNode again = api.post(alice, withoutNote, Map.of("s", solution, "c", config)).data().path("confirmSolution");

        assertThat(again.path("worked").asBoolean()).isFalse();
        assertThat(again.path("note").asText()).isEqualTo("PULSE_LATENCY_MSEC=60 fixed it");
        JsonNode removed = api.post(alice, confirm, Map.of("s", solution, "c", config, "w", true, "n", "")).data().path("confirmSolution");
        assertThat(removed.path("note").isNull()).isTrue();
    }

    @Test
    void anonymousCallersAreAskedToSignIn() {
        assertThat(api.post(null, "{ me { customer { id } } }").errorCode()).isEqualTo("UNAUTHENTICATED");
    }
}
