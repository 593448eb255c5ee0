package io.peergraph.api.similarpeers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * similarPeers relates items through their concepts by the rule peersWithSymptom follows (ItemRelation): the item
 * itself, else the same concept, else a broader one, else the kind's family rule. So a moderator's merge of two
 * drivers' family concepts, or a broader link between them, makes a configuration similar that was not, and the undo
 * (the removal) takes it back, with no re-index. Kernels meet as a series: "5.4.0-42-generic", "5.4" and "Linux 5.4" are
 * one item through the API's normaliser, and 5.8 is a relative through the series' broader "kernel 5". Every driver
 * value (which the normaliser keeps as typed, lower-cased: no vendor it knows) and the kind that singles out the test's
 * configurations are this test's own.
 */
@ApiTest
class SimilarPeersByItemConceptTest {

    static final String SIMILAR = """
            query($c: ID!, $k: [String!]!) { similarPeers(configuration: $c, first: 50, filter: {kinds: $k}) { edges { node {
              similarity sharedItems { kind value } partialMatches { mine { value } theirs { value } family viaTaxonomy conceptIri } } } } }""";

    @Autowired GraphQlHttp api;
    @Autowired Driver driver;

    final String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    final String marker = "marker_" + u; // a kind only this test's configurations have

    @Test
    void aModeratorsMergeOfTwoDriverFamiliesMakesAConfigurationSimilarAndTheUndoTakesItBack() {
        String me = api.newCustomer();
        String mine = configuration(me, Map.of("driver", "nvidia" + u + " 440.100"));
        configuration(api.newCustomer(), Map.of("driver", "nvidia" + u + " 435.21"));
        assertThat(partial(me, mine, "driver", "nvidia" + u + " 435.21")).as("435 and 440 are two families").isNull();

        String moderator = api.newCustomer(Role.MODERATOR);
        String older = familyIri("nvidia" + u + " 435.21");
        String newer = familyIri("nvidia" + u + " 440.100");
        String event = api.post(moderator, "mutation($s: String!, $t: String!) { mergeConcepts(source: $s, target: $t) { id } }",
                Map.of("s", older, "t", newer)).data().path("mergeConcepts").path("id").asText();

        JsonNode match = partial(me, mine, "driver", "nvidia" + u + " 435.21");
        assertThat(match).as("one concept after the merge").isNotNull();
        assertThat(match.path("viaTaxonomy").asBoolean()).isTrue();
        assertThat(match.path("family").asText()).isEqualTo("nvidia" + u + " 440");
        assertThat(match.path("conceptIri").asText()).isEqualTo(newer);

        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", event)).data();
        assertThat(partial(me, mine, "driver", "nvidia" + u + " 435.21")).as("two families again").isNull();
    }

    @Test
    void aBroaderLinkBetweenTwoDriverFamiliesMakesAConfigurationSimilarUntilItIsRemoved() {
        String me = api.newCustomer();
        String mine = configuration(me, Map.of("driver", "mesa" + u + " 20.0.8"));
        configuration(api.newCustomer(), Map.of("driver", "mesa" + u + " 19.3.5"));
        assertThat(partial(me, mine, "driver", "mesa" + u + " 19.3.5")).isNull();

        String moderator = api.newCustomer(Role.MODERATOR);
        Map<String, Object> link = Map.of("c", familyIri("mesa" + u + " 19.3.5"), "b", familyIri("mesa" + u + " 20.0.8"));
        api.post(moderator, "mutation($c: String!, $b: String!) { setBroader(concept: $c, broader: $b) { id } }", link).data();
        JsonNode match = partial(me, mine, "driver", "mesa" + u + " 19.3.5");
        assertThat(match).as("my family is broader than theirs now").isNotNull();
        assertThat(match.path("family").asText()).isEqualTo("mesa" + u + " 20");
        assertThat(match.path("conceptIri").asText()).isEqualTo(link.get("b"));

        api.post(moderator, "mutation($c: String!, $b: String!) { removeBroader(concept: $c, broader: $b) { id } }", link).data();
        assertThat(partial(me, mine, "driver", "mesa" + u + " 19.3.5")).isNull();
    }

    @Test
    void kernelsMeetAsASeriesAndTwoSeriesOfOneMajorVersionAreRelativesThroughIt() {
        String me = api.newCustomer();
        String mine = configuration(me, Map.of("kernel", "5.4.0-42-generic"));
        String twin = api.newCustomer();
        configuration(twin, Map.of("kernel", "Linux 5.4"));
        String third = api.newCustomer();
        String bare = configuration(third, Map.of("kernel", "5.4"));
        configuration(api.newCustomer(), Map.of("kernel", "5.8.0-63-generic"));

        List<String> kernels = driver.executableQuery("""
                MATCH (:Configuration {id: $c})-[:INCLUDES]->(i:ConfigItem {kind: 'kernel'})
                OPTIONAL MATCH (i)-[:CLASSIFIED_AS]->(series:Concept)-[:BROADER]->(major:Concept)
                RETURN i.value + ' in ' + series.prefLabel_en + ' under ' + major.prefLabel_en AS kernel""")
                .withParameters(Map.of("c", bare)).execute().records().stream().map(r -> r.get("kernel").asString()).toList();
        assertThat(kernels).containsExactly("5.4 in kernel 5.4 under kernel 5");

        JsonNode edges = api.post(me, SIMILAR, Map.of("c", mine, "k", List.of(marker, "kernel"))).data().path("similarPeers").path("edges");
        List<JsonNode> mineToo = edges.findValues("node").stream().filter(n -> n.path("sharedItems").findValuesAsText("kind").contains(marker)).toList();
        assertThat(mineToo).as("the twin, the third and the 5.8 kernel, in that order (ties by pseudonym)").hasSize(3);
        assertThat(mineToo.subList(0, 2)).allSatisfy(n -> assertThat(n.path("sharedItems").findValuesAsText("value")).contains("5.4"));
        JsonNode other = mineToo.get(2);
        assertThat(other.path("sharedItems").findValuesAsText("value")).doesNotContain("5.4");
        JsonNode series = other.path("partialMatches").get(0);
        assertThat(series.path("theirs").path("value").asText()).isEqualTo("5.8");
        assertThat(series.path("family").asText()).isEqualTo("kernel 5");
        assertThat(series.path("viaTaxonomy").asBoolean()).isTrue();
    }

    /** The partial match of my {@code kind} with a configuration whose item of that kind is {@code theirs}; null when none. */
    private JsonNode partial(String token, String configuration, String kind, String theirs) {
        JsonNode edges = api.post(token, SIMILAR, Map.of("c", configuration, "k", List.of(kind))).data().path("similarPeers").path("edges");
        for (JsonNode m : edges.findValues("partialMatches")) {
            for (JsonNode p : m) {
                if (p.path("theirs").path("value").asText().equals(theirs)) {
                    return p;
                }
            }
        }
        return null;
    }

    private String familyIri(String driverValue) {
        return driver.executableQuery("MATCH (:ConfigItem {kind: 'driver', value: $v})-[:CLASSIFIED_AS]->(c:Concept) RETURN c.iri AS iri")
                .withParameters(Map.of("v", driverValue)).execute().records().getFirst().get("iri").asString();
    }

    /** A configuration of the caller's with this test's marker and the item, written through the API (its normaliser). */
    private String configuration(String token, Map<String, String> item) {
        Map.Entry<String, String> e = item.entrySet().iterator().next();
        return api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", marker, "value", "yes"), Map.of("kind", e.getKey(), "value", e.getValue())))))
                .data().path("createConfiguration").path("id").asText();
    }
}
