package io.peergraph.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class CustomerOverviewTest {

    static final String HISTORY = """
            query($id: ID!, $first: Int, $after: String, $kinds: [CustomerEventKind!]) {
              customer(id: $id) {
                customer { id handle }
                history(first: $first, after: $after, kinds: $kinds) {
                  edges { node { kind at item { id } configuration { id } report { id title interactions { id } }
                                 interaction { id channel direction outcome text } solution { id title }
                                 confirmation { id worked solution { id } } } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    String alice;
    String aliceId;
    String item;
    String config;
    String report;
    String solution;

    @BeforeEach
    void aliceHasAHistory() {
        alice = api.newCustomer();
        aliceId = api.post(alice, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        item = api.post(alice, "mutation { createItem(input: {productName: \"Steam Deck\"}) { id } }")
                .data().path("createItem").path("id").asText();
        config = api.post(alice, "mutation { createConfiguration(input: {name: \"deck\", items: [{kind: \"os\", value: \"SteamOS 3\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
        String symptom = symptoms.findOrAdd("test/overview", "Overview test", null).id();
        report = api.post(alice, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"No sound\", privacy: PRIVATE}) { id } }",
                Map.of("c", config, "s", symptom)).data().path("reportSymptom").path("id").asText();
        api.post(alice, "mutation($r: ID!) { addInteraction(report: $r, input: {channel: EMAIL, text: \"still broken\"}) { id } }",
                Map.of("r", report)).data();
        String support = api.newCustomer(Role.SUPPORT);
        api.post(support, "mutation($r: ID!) { addInteraction(report: $r, input: {channel: PHONE, text: \"update the firmware\", outcome: \"RESOLVED\"}) { id } }",
                Map.of("r", report)).data();
        solution = api.post(alice, "mutation($s: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Update firmware\"}) { id } }",
                Map.of("s", symptom)).data().path("proposeSolution").path("id").asText();
        api.post(alice, "mutation($s: ID!, $c: ID!) { confirmSolution(input: {solution: $s, configuration: $c, worked: true}) { id } }",
                Map.of("s", solution, "c", config)).data();
    }

    @Test
    void supportSeesTheWholeHistoryNewestFirstAndTheReadIsAudited() {
        String support = api.newCustomer(Role.SUPPORT);
        List<JsonNode> events = history(support, Map.of("id", aliceId, "first", 100)).path("edges").findValues("node");

        assertThat(events).extracting(e -> e.path("kind").asText()).containsExactlyInAnyOrder(
                "ITEM_ADDED", "CONFIGURATION_CREATED", "REPORTED", "INTERACTION", "INTERACTION", "SOLUTION_PROPOSED", "CONFIRMED");
        List<OffsetDateTime> times = new ArrayList<>();
        events.forEach(e -> times.add(OffsetDateTime.parse(e.path("at").asText())));
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).as("event %d is not newer than event %d", i, i - 1).isBeforeOrEqualTo(times.get(i - 1));
        }
        assertThat(byKind(events, "ITEM_ADDED").path("item").path("id").asText()).isEqualTo(item);
        assertThat(byKind(events, "CONFIGURATION_CREATED").path("configuration").path("id").asText()).isEqualTo(config);
        JsonNode reported = byKind(events, "REPORTED");
        assertThat(reported.path("report").path("title").asText()).isEqualTo("No sound");
        assertThat(reported.path("report").path("interactions")).as("support sees the private case whole").hasSize(2);
        List<JsonNode> interactions = events.stream().filter(e -> e.path("kind").asText().equals("INTERACTION")).toList();
        assertThat(interactions).allSatisfy(e -> assertThat(e.path("report").path("id").asText()).isEqualTo(report));
        assertThat(interactions).extracting(e -> e.path("interaction").path("channel").asText() + "/" + e.path("interaction").path("direction").asText()
                + "/" + e.path("interaction").path("outcome").asText(""))
                .containsExactlyInAnyOrder("EMAIL/INBOUND/", "PHONE/OUTBOUND/RESOLVED");
        assertThat(byKind(events, "SOLUTION_PROPOSED").path("solution").path("id").asText()).isEqualTo(solution);
        JsonNode confirmed = byKind(events, "CONFIRMED");
        assertThat(confirmed.path("confirmation").path("worked").asBoolean()).isTrue();
        assertThat(confirmed.path("solution").path("id").asText()).isEqualTo(solution);
        assertThat(confirmed.path("configuration").path("id").asText()).isEqualTo(config);

        JsonNode onlyInteractions = history(support, Map.of("id", aliceId, "kinds", List.of("INTERACTION")));
        assertThat(onlyInteractions.path("edges").findValuesAsText("kind")).containsExactly("INTERACTION", "INTERACTION");

        String admin = api.newCustomer(Role.ADMIN);
        assertThat(api.post(admin, "{ auditEvents(action: \"SUPPORT_READ\", first: 100) { edges { node { target summary } } } }")
                .data().path("auditEvents").path("edges").findValuesAsText("target")).contains(aliceId);
    }

    @Test
    void anotherCustomerIsForbiddenAndTheCustomerThemselfMayRead() {
        String mallory = api.newCustomer();
        assertThat(api.post(mallory, HISTORY, Map.of("id", aliceId)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(mallory, HISTORY, Map.of("id", "cus_aaaaaaaaaaaaaaaaaaaa")).errorCode())
                .as("no probing for ids: refused before the lookup").isEqualTo("FORBIDDEN");
        assertThat(api.post(null, HISTORY, Map.of("id", aliceId)).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.post(api.newCustomer(Role.SUPPORT), HISTORY, Map.of("id", "cus_aaaaaaaaaaaaaaaaaaaa")).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.post(api.newCustomer(Role.SUPPORT), HISTORY, Map.of("id", report)).errorCode()).isEqualTo("BAD_USER_INPUT");

        assertThat(history(alice, Map.of("id", aliceId)).path("edges")).hasSize(7);
    }

    @Test
    void pagesWalkTheHistoryOnceAndCursorsSurviveNewEvents() {
        String support = api.newCustomer(Role.SUPPORT);
        List<String> all = kindsAndIds(history(support, Map.of("id", aliceId, "first", 100)));

        List<String> walked = new ArrayList<>();
        String after = null;
        boolean addedMidway = false;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("id", aliceId);
            vars.put("first", 2);
            vars.put("after", after);
            JsonNode page = history(support, vars);
            walked.addAll(kindsAndIds(page));
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
            if (!addedMidway) { // a new event is newer than every cursor handed out: it must not shift later pages
                api.post(alice, "mutation($r: ID!) { addInteraction(report: $r, input: {channel: CHAT, text: \"thanks\"}) { id } }",
                        Map.of("r", report)).data();
                addedMidway = true;
            }
        } while (after != null);
        assertThat(walked).containsExactlyElementsOf(all);

        assertThat(api.post(support, HISTORY, Map.of("id", aliceId, "after", "bm90IGEgY3Vyc29y")).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    private JsonNode history(String token, Map<String, Object> vars) {
        return api.post(token, HISTORY, vars).data().path("customer").path("history");
    }

    private static List<String> kindsAndIds(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.path("edges").forEach(e -> {
            JsonNode n = e.path("node");
            out.add(n.path("kind").asText() + " " + n.path("at").asText() + " " + n.path("item").path("id").asText()
                    + n.path("configuration").path("id").asText() + n.path("report").path("id").asText()
                    + n.path("interaction").path("id").asText() + n.path("solution").path("id").asText()
                    + n.path("confirmation").path("id").asText());
        });
        return out;
    }

    private static JsonNode byKind(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }
}
