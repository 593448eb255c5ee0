package io.peergraph.api.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.facet.ItemFacetStore;
import io.peergraph.graph.facet.ItemKind;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.tag.TagLabel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * peersWithSymptom matches configuration items by the concepts they are classified under, not only by item: a peer
 * whose GPU is another device of my GPU's concept is found and shares it "of the concept" (named in {@code why});
 * drivers of one major version are classified into one generated family concept and match by it; a moderator's merge
 * of two drivers' family concepts, or a broader link between them, makes a peer match who did not, and the undo (the
 * removal) takes it back. Every value, symptom,
 * kind and scheme is this test's own, so other tests' data cannot interfere.
 */
@ApiTest
class PeersByItemConceptTest {

    @Autowired GraphQlHttp api;
    @Autowired Driver driver;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;
    @Autowired ReportStore reports;
    @Autowired SymptomStore symptoms;

    final String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    final String domain = "https://peergraph.io/test/" + u + "/facets";
    final String devices = "https://peergraph.io/test/" + u + "/devices";
    final String gpuKind = "gpu_" + u;
    final String deviceA = "GeForce GTX 1070 " + u;
    final String deviceB = "GeForce GTX 1070 Ti " + u;
    String aliceToken;
    String aliceId;
    Symptom lag;

    @BeforeEach
    void aSymptomAndAGpuConcept() {
        // A value scheme whose one concept carries two pci.ids device names, as the hardware scheme's device concepts do.
        String concept = devices + "/gtx-1070";
        driver.executableQuery("""
                CREATE (s:ConceptScheme {iri: $scheme, id: $schemeId, prefLabel_en: 'Test devices', origin: 'SEED', moderated: []})
                CREATE (c:Concept {iri: $concept, id: $conceptId, prefLabel_en: 'GeForce GTX 1070 family', status: 'APPROVED',
                                   origin: 'SEED', moderated: [], labelKeys: $labelKeys})
                CREATE (c)-[:IN_SCHEME]->(s), (c)-[:TOP_CONCEPT_OF]->(s)
                """).withParameters(Map.of("scheme", devices, "schemeId", PublicId.CONCEPT_SCHEME.fromKey(devices), "concept", concept,
                "conceptId", PublicId.CONCEPT.fromKey(concept),
                "labelKeys", List.of(TagLabel.normalize(deviceA), TagLabel.normalize(deviceB)))).execute();
        ItemFacetStore.declare(GraphConnection.over(driver), Map.of(domain, List.of(new ItemKind(gpuKind, domain, null, null, devices))), List.of());
        lag = symptoms.findOrAdd("test-" + u + "/lag", "Lag " + u, null);
        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
    }

    @Test
    void aPeerWithAnotherDeviceOfMyGpusConceptIsFoundAndTheConceptIsNamed() {
        String mine = config(aliceId, new ConfigItemValue(gpuKind, deviceA));
        String peer = peerReporting(new ConfigItemValue(gpuKind, deviceB));

        JsonNode match = peerMatch(mine, peer);
        assertThat(match).as("found by the shared concept").isNotNull();
        JsonNode shared = match.path("shared").get(0);
        assertThat(shared.path("family").asText()).isEqualTo("GeForce GTX 1070 family");
        assertThat(shared.path("conceptIri").asText()).isEqualTo(devices + "/gtx-1070");
        assertThat(shared.path("theirs").path("value").asText()).isEqualTo(deviceB);
        assertThat(match.path("why").asText()).contains(gpuKind + " of the concept GeForce GTX 1070 family");
        assertThat(match.path("similarity").asDouble()).isEqualTo(0.5);
    }

    @Test
    void driversOfOneMajorVersionShareAGeneratedConceptAndMatchByIt() {
        String mine = config(aliceId, new ConfigItemValue("driver", "nvidia" + u + " 440.100"));
        String peer = peerReporting(new ConfigItemValue("driver", "nvidia" + u + " 440.82"));

        List<String> concepts = driver.executableQuery("""
                UNWIND $values AS value
                MATCH (:ConfigItem {kind: 'driver', value: value})-[:CLASSIFIED_AS]->(c:Concept)
                RETURN c.prefLabel_en AS label, c.origin AS origin
                """).withParameters(Map.of("values", List.of("nvidia" + u + " 440.100", "nvidia" + u + " 440.82"))).execute()
                .records().stream().map(r -> r.get("label").asString() + "/" + r.get("origin").asString()).toList();
        assertThat(concepts).containsExactly("nvidia" + u + " 440/GENERATED", "nvidia" + u + " 440/GENERATED");

        JsonNode match = peerMatch(mine, peer);
        assertThat(match).isNotNull();
        assertThat(match.path("why").asText()).contains("driver of the concept nvidia" + u + " 440 (nvidia" + u + " 440.82");
    }

    @Test
    void aModeratorsMergeOfTwoDriverFamiliesMakesAPeerMatchAndTheUndoTakesItBack() {
        String mine = config(aliceId, new ConfigItemValue("driver", "NVIDIA" + u + " 440.100"));
        String peer = peerReporting(new ConfigItemValue("driver", "NVIDIA" + u + " 435.21"));
        assertThat(peerMatch(mine, peer)).as("435 and 440 are two families").isNull();

        String moderator = api.token("mod-" + u, List.of(Role.MODERATOR));
        String older = familyIri("NVIDIA" + u + " 435.21");
        String newer = familyIri("NVIDIA" + u + " 440.100");
        assertThat(api.post(moderator, "{ concept(iri: \"" + newer + "\") { prefLabel } }").data().path("concept").path("prefLabel").asText())
                .as("a label a person reads").isEqualTo("NVIDIA" + u + " 440");
        String event = api.post(moderator, "mutation($s: String!, $t: String!) { mergeConcepts(source: $s, target: $t) { id } }",
                Map.of("s", older, "t", newer)).data().path("mergeConcepts").path("id").asText();

        JsonNode match = peerMatch(mine, peer);
        assertThat(match).as("one concept after the merge").isNotNull();
        assertThat(match.path("why").asText()).contains("driver of the concept NVIDIA" + u + " 440 (NVIDIA" + u + " 435.21");

        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", event)).data();
        assertThat(peerMatch(mine, peer)).as("two families again").isNull();
    }

    @Test
    void aBroaderLinkBetweenTwoDriverFamiliesMakesAPeerMatchUntilItIsRemoved() {
        String mine = config(aliceId, new ConfigItemValue("driver", "Mesa" + u + " 20.0.8"));
        String peer = peerReporting(new ConfigItemValue("driver", "Mesa" + u + " 19.3.5"));
        assertThat(peerMatch(mine, peer)).isNull();

        String moderator = api.token("mod-" + u, List.of(Role.MODERATOR));
        Map<String, Object> link = Map.of("c", familyIri("Mesa" + u + " 19.3.5"), "b", familyIri("Mesa" + u + " 20.0.8"));
        api.post(moderator, "mutation($c: String!, $b: String!) { setBroader(concept: $c, broader: $b) { id } }", link).data();
        JsonNode match = peerMatch(mine, peer);
        assertThat(match).as("my family is broader than theirs now").isNotNull();
        assertThat(match.path("why").asText()).contains("driver of the concept Mesa" + u + " 20 (Mesa" + u + " 19.3.5");

        api.post(moderator, "mutation($c: String!, $b: String!) { removeBroader(concept: $c, broader: $b) { id } }", link).data();
        assertThat(peerMatch(mine, peer)).isNull();
    }

    private String familyIri(String driverValue) {
        return driver.executableQuery("MATCH (:ConfigItem {kind: 'driver', value: $v})-[:CLASSIFIED_AS]->(c:Concept) RETURN c.iri AS iri")
                .withParameters(Map.of("v", driverValue)).execute().records().getFirst().get("iri").asString();
    }

    /** A peer with these items who reported the symptom; the peer's pseudonym-free report id. */
    private String peerReporting(ConfigItemValue item) {
        String peerId = customers.signIn("peer-" + u + "-" + UUID.randomUUID()).id();
        return reports.create(new ReportStore.NewReport(peerId, config(peerId, item), null, List.of(lag.id()), "Lags " + u, null,
                Privacy.COMMUNITY, null)).id();
    }

    /** Alice's question about her configuration; the peer row whose reports hold {@code reportId}, null when absent. */
    private JsonNode peerMatch(String configurationId, String reportId) {
        JsonNode edges = api.post(aliceToken, """
                query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 20) {
                  peers { edges { node { similarity why shared { family conceptIri share theirs { value } } reports { id } } } } } }""",
                Map.of("c", configurationId, "s", lag.id())).data().path("peersWithSymptom").path("peers").path("edges");
        for (JsonNode edge : edges) {
            if (edge.path("node").path("reports").findValuesAsText("id").contains(reportId)) {
                return edge.path("node");
            }
        }
        return null;
    }

    private String config(String owner, ConfigItemValue item) {
        return configurations.create(new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, true, true, null,
                List.of(item))).id();
    }
}
