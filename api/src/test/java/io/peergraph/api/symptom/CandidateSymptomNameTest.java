package io.peergraph.api.symptom;

import static io.peergraph.api.symptom.SymptomProposalTest.word;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.testing.SearchIndexing;
import io.peergraph.api.taxonomy.TaxonomyExportEndpoint;
import io.peergraph.graph.symptom.SymptomStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer's symptom not yet approved is its author's words: they reach nobody but the customers who described it
 * and moderators, whichever way another customer (or an anonymous caller) looks — the author's shared report, peers'
 * reports, a solution, search hits with their highlights and facets, similar cases, the taxonomy's concepts, labels,
 * nodes and SKOS export ({@code SymptomVisibility}). Once approved, everyone sees it, in search too. Over HTTP against
 * the shared Neo4j and Elasticsearch.
 */
@ApiTest
class CandidateSymptomNameTest {

    static final String REPORT = """
            mutation($c: ID!, $s: [ID!]!, $t: String!) {
              reportSymptom(input: {configuration: $c, symptoms: $s, title: $t, privacy: COMMUNITY}) { id } }""";
    static final String READ_REPORT = "query($r: ID!) { report(id: $r) { id title symptoms { id key name } } }";
    static final String SEARCH = """
            query($q: String) { searchCases(query: $q, first: 20) { degraded total facets { field buckets { value count } }
              cases { edges { node { report { id symptoms { id key name } } highlights { field fragments } } } } } }""";
    static final String SIMILAR = """
            query($r: ID!) { similarCases(report: $r, first: 20) { degraded cases { report { id symptoms { id key name } }
              sharedSymptoms { id key name } matchedTerms } } }""";
    static final String PEERS = """
            query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s) {
              reports { edges { node { id symptoms { id key name } } } }
              peers { edges { node { reports { id symptoms { id key name } } } } }
              solutions { solution { id symptoms { id key name } } } } }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired SearchIndexing search;

    @BeforeEach
    void searchIsUp() throws InterruptedException {
        search.awaitUp();
    }

    @Test
    void aCandidatesNameReachesNobodyButItsAuthorAndModeratorsUntilItIsApproved() throws Exception {
        String w = word();
        String title = word(); // the report's own words, shared with peers: how others find the report
        String name = w + " hum in the left speaker";
        String author = api.newCustomer();
        String other = api.newCustomer();
        String moderator = api.newCustomer(Role.MODERATOR);
        String everyone = symptoms.findOrAdd("test-" + title + "/noise", "Noise " + title, null).id();

        String candidate = api.post(author, SymptomProposalTest.DESCRIBE, Map.of("n", name, "f", true)).data()
                .path("describeSymptom").path("symptom").path("id").asText();
        String conceptIri = conceptOf(moderator, candidate);
        String report = api.post(author, REPORT, Map.of("c", configuration(author), "s", List.of(everyone, candidate), "t", "Trouble " + title))
                .data().path("reportSymptom").path("id").asText();
        String solution = api.post(author, """
                mutation($s: [ID!]!, $r: ID!) { proposeSolution(input: {symptoms: $s, title: "Reseat the cable", triedOn: $r}) { id } }""",
                Map.of("s", List.of(everyone, candidate), "r", report)).data().path("proposeSolution").path("id").asText();
        String othersConfiguration = configuration(other);
        search.sync();

        // The author and moderators see it on the report.
        assertThat(reportSymptoms(author, report)).containsExactlyInAnyOrder(everyone, candidate);
        assertThat(reportSymptoms(moderator, report)).containsExactlyInAnyOrder(everyone, candidate);
        JsonNode concept = api.post(moderator, "query($i: String!) { concept(iri: $i) { id iri } }", Map.of("i", conceptIri)).data().path("concept");
        assertThat(concept.path("iri").asText()).isEqualTo(conceptIri);
        String conceptId = concept.path("id").asText();
        assertThat(api.post(moderator, "query($i: ID!) { node(id: $i) { id } }", Map.of("i", conceptId)).data().path("node").path("id").asText())
                .isEqualTo(conceptId);

        // Another customer: the report, the peers' answer, the solution and search, all without it.
        List<String> seenByOther = new ArrayList<>();
        JsonNode read = api.post(other, READ_REPORT, Map.of("r", report)).data();
        assertThat(read.path("report").path("symptoms").findValuesAsText("id")).containsExactly(everyone);
        seenByOther.add(read.toString());
        JsonNode peers = api.post(other, PEERS, Map.of("c", othersConfiguration, "s", everyone)).data();
        assertThat(peers.path("peersWithSymptom").path("reports").findValuesAsText("id")).as("the author's report is a peer's").contains(report);
        seenByOther.add(peers.toString());
        seenByOther.add(api.post(other, "query($s: ID!) { solution(id: $s) { symptoms { id key name } } }", Map.of("s", solution)).data().toString());
        JsonNode byTitle = api.post(other, SEARCH, Map.of("q", title)).data();
        assertThat(byTitle.path("searchCases").path("degraded").asBoolean()).isFalse();
        assertThat(byTitle.path("searchCases").path("cases").findValuesAsText("id")).contains(report);
        seenByOther.add(byTitle.toString());
        JsonNode byName = api.post(other, SEARCH, Map.of("q", w)).data();
        assertThat(byName.path("searchCases").path("cases").path("edges")).as("not found by the candidate's name").isEmpty();
        seenByOther.add(byName.toString());
        String otherReport = api.post(other, REPORT, Map.of("c", othersConfiguration, "s", List.of(everyone), "t", "Same " + title))
                .data().path("reportSymptom").path("id").asText();
        search.sync();
        seenByOther.add(api.post(other, SIMILAR, Map.of("r", otherReport)).data().toString());
        var bySymptom = api.post(other, "query($s: ID!) { similarCases(symptoms: [$s]) { cases { report { id } } } }", Map.of("s", candidate));
        var byNoSymptom = api.post(other, "query($s: ID!) { similarCases(symptoms: [$s]) { cases { report { id } } } }",
                Map.of("s", "sym_aaaaaaaaaaaaaaaaaaaa"));
        assertThat(bySymptom.errorCode()).as("searching by its id is as by an unknown id").isEqualTo(byNoSymptom.errorCode()).isNotNull();
        var filtered = api.post(other, "query($s: ID!) { searchCases(filter: {symptom: $s}) { total } }", Map.of("s", candidate));
        assertThat(filtered.errorCode()).isEqualTo("BAD_USER_INPUT");

        // The taxonomy, to another customer and to anyone: no such concept.
        for (String caller : new String[] {other, null}) {
            JsonNode concepts = api.post(caller, """
                    query($i: String!, $l: String!) { byIri: concept(iri: $i) { iri } byLabel: concept(label: $l) { iri }
                      resolveLabel(label: $l) { concept { iri } } }""", Map.of("i", conceptIri, "l", name)).data();
            assertThat(concepts.path("byIri").isNull()).isTrue();
            assertThat(concepts.path("byLabel").isNull()).isTrue();
            assertThat(concepts.path("resolveLabel").path("concept").isMissingNode() || concepts.path("resolveLabel").path("concept").isNull()).isTrue();
            seenByOther.add(api.post(caller, "{ conceptSchemes { conceptCount topConcepts { iri prefLabel } } }").data().toString());
            seenByOther.add(api.post(caller, "query($s: String) { symptoms(search: $s, first: 50) { edges { node { id key name } } } }",
                    Map.of("s", w)).data().toString());
        }
        assertThat(api.post(other, "query($i: ID!) { node(id: $i) { id } }", Map.of("i", conceptId)).data().path("node").isNull()).isTrue();
        String skos = get(TaxonomyExportEndpoint.PATH + "?format=turtle");
        assertThat(skos).contains("skos:Concept").doesNotContain(conceptIri).doesNotContain(w);

        assertThat(seenByOther).allSatisfy(seen -> assertThat(seen).doesNotContain(w).doesNotContain(candidate).doesNotContain(conceptIri).doesNotContain(conceptId));

        // Approved: everyone sees it, and search finds the report by its name.
        api.post(moderator, "mutation($s: ID!) { approveSymptom(symptom: $s) { id } }", Map.of("s", candidate)).data();
        search.sync();
        assertThat(reportSymptoms(other, report)).containsExactlyInAnyOrder(everyone, candidate);
        JsonNode found = api.post(other, SEARCH, Map.of("q", w)).data().path("searchCases");
        assertThat(found.path("total").asInt()).isEqualTo(1);
        assertThat(found.path("cases").findValuesAsText("id")).contains(report, candidate);
        assertThat(api.post(null, "query($i: String!) { concept(iri: $i) { iri } }", Map.of("i", conceptIri)).data()
                .path("concept").path("iri").asText()).isEqualTo(conceptIri);
        assertThat(get(TaxonomyExportEndpoint.PATH + "?format=turtle")).contains(w);
    }

    private List<String> reportSymptoms(String token, String report) {
        return api.post(token, READ_REPORT, Map.of("r", report)).data().path("report").path("symptoms").findValuesAsText("id");
    }

    private String conceptOf(String moderator, String symptomId) {
        return api.post(moderator, SymptomProposalTest.CANDIDATES).data().path("symptomCandidates").path("edges").findValues("node").stream()
                .filter(n -> n.path("symptom").path("id").asText().equals(symptomId)).findFirst().orElseThrow()
                .path("conceptIri").asText();
    }

    private String configuration(String token) {
        return api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "my pc", "items", List.of(Map.of("kind", "gpu", "value", "Radeon RX 580"),
                        Map.of("kind", "os", "value", "Debian 12"))))).data().path("createConfiguration").path("id").asText();
    }

    private String get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
