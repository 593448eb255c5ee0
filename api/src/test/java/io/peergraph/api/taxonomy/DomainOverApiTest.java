package io.peergraph.api.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.seeds.facets.DomainTaxonomy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A second domain through the API: configurations created with the PBC kinds are classified as they are written, and
 * moderators see the values no concept classifies, with their counts.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainOverApiTest {

    private static final String UNCLASSIFIED = "{ unclassifiedItemValues(first: 100) { kind value configurations } }";

    @Autowired GraphQlHttp api;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;
    @Autowired Driver driver;

    final String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    String aliceToken;

    private ConfigurationStore.NewConfiguration patient(String ownerId, String stage) {
        return new ConfigurationStore.NewConfiguration(ownerId, "at entry", Privacy.COMMUNITY, true, true, null,
                List.of(ConfigItemValue.parse("stage", stage).accepted().orElseThrow(),
                        ConfigItemValue.parse("sex", "female").accepted().orElseThrow()));
    }

    @BeforeAll
    void patients() {
        DomainTaxonomy.load(GraphConnection.over(driver), Path.of("../domains/pbc/taxonomy.ttl"));
        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        String aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        configurations.create(patient(aliceId, "Stage 4"));
        configurations.create(patient(customers.signIn("bea-" + u).id(), "stage 3"));
        configurations.create(patient(customers.signIn("cleo-" + u).id(), "stage 1"));
        configurations.create(patient(customers.signIn("dora-" + u).id(), "stage " + u));
        configurations.create(patient(customers.signIn("edda-" + u).id(), "stage " + u));
    }

    @Test
    void moderatorsSeeTheValuesNoConceptClassifiesWithTheirCounts() {
        JsonNode values = api.post(api.token("mod-" + u, List.of(Role.MODERATOR)), UNCLASSIFIED).data().path("unclassifiedItemValues");
        assertThat(values).anySatisfy(v -> {
            assertThat(v.path("kind").asText()).isEqualTo("stage");
            assertThat(v.path("value").asText()).isEqualTo("stage " + u);
            assertThat(v.path("configurations").asInt()).isEqualTo(2);
        });
        assertThat(values.findValuesAsText("value")).doesNotContain("Stage 4", "stage 3");
        assertThat(api.post(aliceToken, UNCLASSIFIED).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(api.token("mod2-" + u, List.of(Role.MODERATOR)), "{ unclassifiedItemValues(first: 101) { value } }").errorCode())
                .isEqualTo("BAD_USER_INPUT");
    }
}
