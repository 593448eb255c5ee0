package io.peergraph.graph.facet;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/** The kinds are read once per process and read again after a facets load declares them (issue 17). */
class DeclaredKindsTest {

    private final Driver driver = SharedNeo4j.driver();
    private final String domain = "urn:test:declared-kinds:" + UUID.randomUUID();

    @Test
    void aCopyIsKeptUntilAFacetsLoadDeclaresTheKindsAgain() {
        // Two holders, as two queries hold theirs: a declaration reaches both.
        DeclaredKinds peers = new DeclaredKinds(Neo4jClient.create(driver));
        DeclaredKinds benchmarks = new DeclaredKinds(Neo4jClient.create(driver));
        try {
            ItemFacetStore.declare(GraphConnection.over(driver), Map.of(domain, List.of(kind("dk-first"))), List.of());
            assertThat(kinds(peers.read())).contains("dk-first");
            assertThat(kinds(benchmarks.read())).contains("dk-first");

            // Written past the one writer: the copies stand, so a question costs no read of the kinds.
            try (var session = driver.session()) {
                session.run("MERGE (k:ItemKind {kind: 'dk-unannounced'}) SET k.domain = $domain", Map.of("domain", domain)).consume();
            }
            assertThat(kinds(peers.read())).contains("dk-first").doesNotContain("dk-unannounced");

            ItemFacetStore.declare(GraphConnection.over(driver), Map.of(domain, List.of(kind("dk-second"))), List.of());
            assertThat(kinds(peers.read())).contains("dk-second").doesNotContain("dk-first", "dk-unannounced");
            assertThat(kinds(benchmarks.read())).contains("dk-second").doesNotContain("dk-first", "dk-unannounced");
        } finally {
            ItemFacetStore.declare(GraphConnection.over(driver), Map.of(domain, List.of()), List.of());
        }
        assertThat(kinds(peers.read())).doesNotContain("dk-second");
    }

    private ItemKind kind(String name) {
        return new ItemKind(name, domain, null, null, null);
    }

    private static List<String> kinds(ItemFacets facets) {
        return facets.kinds().stream().map(ItemKind::kind).toList();
    }
}
