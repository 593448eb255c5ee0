package io.peergraph.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.testing.SearchIndexing;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Case search over GraphQL against the managed Elasticsearch the service starts. */
@ApiTest
class SearchApiTest {

    static final String SEARCH = """
            query($q: String, $filter: CaseFilter, $after: String) {
              searchCases(query: $q, filter: $filter, first: 2, after: $after) {
                degraded total facets { field buckets { value count } }
                cases { edges { cursor node { score report { id title mine peer { pseudonym } }
                        highlights { field fragments } } } pageInfo { hasNextPage endCursor } } } }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired SearchIndexing search;

    @BeforeEach
    void searchIsUp() throws InterruptedException {
        search.awaitUp();
    }

    @Test
    void customersFindTheirOwnAndSharedCasesButNeverOthersPrivateOnes() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String support = api.newCustomer(Role.SUPPORT);
        Symptom audio = symptoms.findOrAdd(word + "/audio", "Audio problems", null);
        Symptom crackling = symptoms.findOrAdd(word + "/audio/crackling", "Crackling", word + "/audio");
        String config = configuration(alice);
        String privateCase = report(alice, config, crackling.id(), "Crackling " + word, "PRIVATE");
        String sharedCase = report(alice, config, audio.id(), "No sound " + word, "COMMUNITY");
        String secondShared = report(alice, config, crackling.id(), "Crackle again " + word, "PUBLIC");
        sync();

        JsonNode asBob = api.post(bob, SEARCH, Map.of("q", word)).data().path("searchCases");
        assertThat(asBob.path("degraded").asBoolean()).isFalse();
        assertThat(asBob.path("cases").path("edges").findValuesAsText("id")).containsExactlyInAnyOrder(sharedCase, secondShared);
        assertThat(asBob.path("cases").path("edges").get(0).path("node").path("report").path("peer").path("pseudonym").asText()).startsWith("peer-");

        JsonNode asAlice = api.post(alice, SEARCH, Map.of("q", word)).data().path("searchCases");
        assertThat(asAlice.path("total").asInt()).isEqualTo(3);
        assertThat(asAlice.path("cases").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        String cursor = asAlice.path("cases").path("pageInfo").path("endCursor").asText();
        JsonNode next = api.post(alice, SEARCH, Map.of("q", word, "after", cursor)).data().path("searchCases");
        assertThat(next.path("cases").path("edges")).hasSize(1);

        JsonNode narrower = api.post(support, SEARCH, Map.of("q", word, "filter", Map.of("symptom", audio.id()))).data().path("searchCases");
        assertThat(narrower.path("total").asInt()).isEqualTo(3);
        assertThat(narrower.path("facets").toString()).contains(word + "/audio/crackling");
        JsonNode onlyCrackling = api.post(support, SEARCH, Map.of("q", word, "filter", Map.of("symptom", crackling.id()))).data().path("searchCases");
        assertThat(onlyCrackling.path("total").asInt()).isEqualTo(2);

        assertThat(api.post(bob, SEARCH, Map.of("filter", Map.of("channels", List.of("EMAIL")))).errorCode()).isEqualTo("FORBIDDEN");

        JsonNode similar = api.post(support, """
                query($r: ID!) { similarCases(report: $r, first: 5) { degraded cases { report { id } sharedItems { kind }
                  matchedTerms signals { signal rank } } } }""", Map.of("r", privateCase)).data().path("similarCases");
        assertThat(similar.path("cases").findValuesAsText("id")).contains(secondShared).doesNotContain(privateCase);
        JsonNode bobsSimilar = api.post(bob, """
                query($t: String) { similarCases(text: $t) { cases { report { id } } } }""", Map.of("t", "Crackling " + word))
                .data().path("similarCases");
        assertThat(bobsSimilar.path("cases").findValuesAsText("id")).doesNotContain(privateCase);
    }

    @Test
    void supportShownAPrivateCaseBySearchOrSimilarityIsAuditedAsReadingItById() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alice = api.newCustomer();
        String config = configuration(alice);
        Symptom symptom = symptoms.findOrAdd(word + "/audio", "Audio problems", null);
        String privateCase = report(alice, config, symptom.id(), "Crackling " + word, "PRIVATE");
        String sharedCase = report(alice, config, symptom.id(), "Crackle " + word, "COMMUNITY");
        sync();
        String support = api.newCustomer(Role.SUPPORT);
        String admin = api.newCustomer(Role.ADMIN);

        assertThat(api.post(support, SEARCH, Map.of("q", word)).data().path("searchCases").path("cases").path("edges")
                .findValuesAsText("id")).contains(privateCase);
        assertThat(supportReads(admin, privateCase)).singleElement().asString().contains("searchCases");

        assertThat(api.post(support, """
                query($t: String) { similarCases(text: $t, first: 10) { cases { report { id } } } }""", Map.of("t", "Crackling " + word))
                .data().path("similarCases").path("cases").findValuesAsText("id")).contains(privateCase);
        assertThat(supportReads(admin, privateCase)).hasSize(2).anyMatch(s -> s.contains("similarCases"));
        assertThat(supportReads(admin, sharedCase)).as("shared cases are no private read").isEmpty();
    }

    @Test
    void highlightsCarryStoredMarkupAsTextAndOnlyTheMatchMarkersAsHtml() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alice = api.newCustomer();
        Symptom symptom = symptoms.findOrAdd(word + "/audio", "Audio problems", null);
        report(alice, configuration(alice), symptom.id(), "<img src=x onerror=alert(document.cookie)> " + word, "PUBLIC");
        sync();

        JsonNode highlights = api.post(api.newCustomer(), SEARCH, Map.of("q", word)).data().path("searchCases").path("cases")
                .path("edges").get(0).path("node").path("highlights");
        String title = highlights.findValues("fragments").getFirst().get(0).asText();
        assertThat(title).isEqualTo("&lt;img src=x onerror=alert(document.cookie)&gt; <em>" + word + "</em>");
    }

    private List<String> supportReads(String admin, String report) {
        JsonNode edges = api.post(admin, "{ auditEvents(action: \"SUPPORT_READ\", first: 100) { edges { node { target summary } } } }")
                .data().path("auditEvents").path("edges");
        List<String> summaries = new java.util.ArrayList<>();
        edges.forEach(e -> {
            if (e.path("node").path("target").asText().equals(report)) {
                summaries.add(e.path("node").path("summary").asText());
            }
        });
        return summaries;
    }

    @Test
    void withoutASemanticModelAHitNamesNoSignalAndSimilarCasesNoSemanticRank() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alice = api.newCustomer();
        Symptom audio = symptoms.findOrAdd(word + "/audio", "Audio problems", null);
        String config = configuration(alice);
        String first = report(alice, config, audio.id(), "Crackling " + word, "COMMUNITY");
        String second = report(alice, config, audio.id(), "Crackling again " + word, "COMMUNITY");
        sync();

        JsonNode found = api.post(alice, """
                query($q: String) { searchCases(query: $q) { cases { edges { node { report { id } signals } } } } }""",
                Map.of("q", word)).data().path("searchCases").path("cases").path("edges");
        assertThat(found.findValuesAsText("id")).containsExactlyInAnyOrder(first, second);
        assertThat(found.findValues("signals")).hasSize(2).allSatisfy(s -> assertThat(s).isEmpty());
        JsonNode similar = api.post(alice, """
                query($r: ID!) { similarCases(report: $r) { cases { report { id } signals { signal rank } } } }""",
                Map.of("r", first)).data().path("similarCases").path("cases");
        assertThat(similar.findValuesAsText("id")).contains(second);
        assertThat(similar.findValuesAsText("signal")).isNotEmpty().doesNotContain("semantic");
    }

    @Test
    void healthShowsTheSearchBackendAndTheOutboxBacklog() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"search\"");
    }

    private void sync() throws Exception {
        search.sync();
    }

    private String configuration(String token) {
        return api.post(token, """
                mutation { createConfiguration(input: {name: "pc", items: [{kind: "gpu", value: "Radeon RX 580"}]}) { id } }""")
                .data().path("createConfiguration").path("id").asText();
    }

    private String report(String token, String configuration, String symptom, String title, String privacy) {
        return api.post(token, """
                mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) { id } }""",
                Map.of("input", Map.of("configuration", configuration, "symptoms", List.of(symptom), "title", title,
                        "text", "Sound crackles in every game", "privacy", privacy)))
                .data().path("reportSymptom").path("id").asText();
    }
}
