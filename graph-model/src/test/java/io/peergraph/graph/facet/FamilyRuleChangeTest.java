package io.peergraph.graph.facet;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A kind whose declared family rule changes (the PC kernel went from version-major to version-series) has its items
 * classified into the new rule's generated families at the load that declares it: each kernel's series, under its major
 * (the concept the old rule made, kept), and nothing left in the old family directly. Kind and domain are this test's own.
 */
class FamilyRuleChangeTest {

    private final Driver driver = SharedNeo4j.driver();
    private final Neo4jClient client = Neo4jClient.create(driver);
    private final String u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    private final String domain = "https://peergraph.io/test/" + u + "/facets";
    private final String kind = "kernel_" + u;

    @Test
    void itemsOfAKindWhoseRuleChangesAreClassifiedByTheNewRuleAtTheNextLoad() {
        GraphConnection graph = GraphConnection.over(driver);
        try {
            ItemFacetStore.declare(graph, Map.of(domain, List.of(new ItemKind(kind, domain, null, new FamilyRule.VersionMajor(), null))), List.of());
            String owner = new CustomerStore(client).signIn("rule-change-" + u).id();
            new ConfigurationStore(client).create(new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, true, true, null,
                    List.of(new ConfigItemValue(kind, "5.4.0-42-generic"), new ConfigItemValue(kind, "5.8.1"))));
            assertThat(classification()).containsExactlyInAnyOrder("5.4.0-42-generic in " + kind + " 5", "5.8.1 in " + kind + " 5");
            String major = client.query("MATCH (c:Concept {familyOf: $kind}) RETURN c.iri AS iri").bind(kind).to("kind")
                    .fetchAs(String.class).one().orElseThrow();

            ItemFacetStore.declare(graph, Map.of(domain, List.of(new ItemKind(kind, domain, null, new FamilyRule.VersionSeries(), null))), List.of());

            assertThat(classification()).containsExactlyInAnyOrder(
                    "5.4.0-42-generic in " + kind + " 5.4 under " + kind + " 5", "5.8.1 in " + kind + " 5.8 under " + kind + " 5");
            assertThat(client.query("""
                    MATCH (i:ConfigItem {kind: $kind})-[:CLASSIFIED_AS]->(:Concept)-[:BROADER]->(m:Concept) RETURN DISTINCT m.iri AS iri""")
                    .bind(kind).to("kind").fetchAs(String.class).all()).as("the old rule's concept is the series' broader one").containsExactly(major);
        } finally {
            ItemFacetStore.declare(graph, Map.of(domain, List.of()), List.of());
        }
    }

    /** Each item of the kind: "value in label[ under broader label]". */
    private List<String> classification() {
        return List.copyOf(client.query("""
                MATCH (i:ConfigItem {kind: $kind})-[:CLASSIFIED_AS]->(c:Concept)
                OPTIONAL MATCH (c)-[:BROADER]->(b:Concept)
                RETURN i.value + ' in ' + c.prefLabel_en + coalesce(' under ' + b.prefLabel_en, '') AS line""")
                .bind(kind).to("kind").fetchAs(String.class).all());
    }
}
