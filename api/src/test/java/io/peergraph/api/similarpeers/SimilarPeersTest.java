package io.peergraph.api.similarpeers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** similarPeers over HTTP: ranking with its explanation, pseudonymity, opt-outs, and who may ask. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarPeersTest {

    static final String QUESTION = """
            query($c: ID!, $first: Int, $filter: SimilarPeersFilter) {
              similarPeers(configuration: $c, first: $first, filter: $filter) {
                edges { node { peer { pseudonym } configuration similarity
                               sharedItems { kind value } partialMatches { mine { value } theirs { value } family viaTaxonomy }
                               onlyMine { value } onlyTheirs { value } } }
                pageInfo { hasNextPage }
              }
            }""";

    @Autowired GraphQlHttp api;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;

    final String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    String aliceToken;
    String aliceConfig;
    String twinOwnerId;

    @BeforeAll
    void community() {
        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        String aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        aliceConfig = configurations.create(config(aliceId, true, gpu("GeForce GTX 1060"), driver("nvidia 470.2"))).id();
        twinOwnerId = customers.signIn("twin-" + u).id();
        configurations.create(config(twinOwnerId, true, gpu("GeForce GTX 1060"), driver("nvidia 470.2")));
        configurations.create(config(customers.signIn("cousin-" + u).id(), true, gpu("GeForce GTX 1080"), driver("nvidia 470.9")));
        configurations.create(config(customers.signIn("shy-" + u).id(), false, gpu("GeForce GTX 1060"), driver("nvidia 470.2")));
    }

    @Test
    void theTwinComesFirstThenTheCousinByFamilyAndTheOptedOutNever() {
        JsonNode edges = api.post(aliceToken, QUESTION, Map.of("c", aliceConfig, "first", 10)).data().path("similarPeers").path("edges");
        assertThat(edges).hasSize(2);
        JsonNode twin = edges.get(0).path("node");
        assertThat(twin.path("sharedItems").findValuesAsText("kind")).containsExactlyInAnyOrder("gpu", "driver");
        assertThat(twin.path("peer").path("pseudonym").asText()).startsWith("peer-");
        JsonNode cousin = edges.get(1).path("node");
        assertThat(cousin.path("similarity").asDouble()).isLessThan(twin.path("similarity").asDouble()).isPositive();
        // Of the generated family concepts (facet.FamilyConcepts), labelled as their first member writes them.
        assertThat(cousin.path("partialMatches").findValuesAsText("family"))
                .containsExactlyInAnyOrder(u + " GeForce GTX 10xx", u + " nvidia 470");
        assertThat(cousin.path("partialMatches").findValuesAsText("viaTaxonomy")).containsOnly("true");
        assertThat(cousin.path("onlyMine")).isEmpty();
        String raw = api.post(aliceToken, QUESTION, Map.of("c", aliceConfig, "first", 10)).raw();
        assertThat(raw).doesNotContain(twinOwnerId).doesNotContain("twin-" + u);
    }

    @Test
    void aKindsFilterComparesOnlyThoseKinds() {
        JsonNode edges = api.post(aliceToken, QUESTION, Map.of("c", aliceConfig, "first", 10, "filter", Map.of("kinds", List.of("driver"))))
                .data().path("similarPeers").path("edges");
        assertThat(edges.get(0).path("node").path("sharedItems").findValuesAsText("kind")).containsExactly("driver");
        assertThat(edges.get(0).path("node").path("onlyTheirs")).isEmpty();
    }

    @Test
    void onlyTheOwnerMayAsk() {
        assertThat(api.post(api.newCustomer(), QUESTION, Map.of("c", aliceConfig)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(aliceToken, QUESTION, Map.of("c", "cfg_nope")).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    private ConfigItemValue gpu(String v) { return new ConfigItemValue("gpu", u + " " + v); }

    private ConfigItemValue driver(String v) { return new ConfigItemValue("driver", u + " " + v); }

    private static ConfigurationStore.NewConfiguration config(String owner, boolean listed, ConfigItemValue... items) {
        return new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, listed, true, null, List.of(items));
    }
}
