package io.peergraph.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportRun;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void loadsIntoAnEmptyStoreOnly() {
        SharedNeo4j.wipe();
        Optional<ImportRun> first = DemoData.loadIfEmpty(GraphConnection.over(SharedNeo4j.driver()));
        assertThat(first).hasValueSatisfying(run -> {
            assertThat(run.succeeded()).isTrue();
            assertThat(run.imported()).isEqualTo(2_986);
        });
        assertThat(DemoData.loadIfEmpty(GraphConnection.over(SharedNeo4j.driver()))).isEmpty();
        long gamesWithManyReports = SharedNeo4j.driver().executableQuery("""
                MATCH (p:Product)<-[:ABOUT]-(r:Report) WITH p, count(r) AS reports WHERE reports >= 20 RETURN count(p) AS n""")
                .execute().records().getFirst().get("n").asLong();
        assertThat(gamesWithManyReports).isGreaterThanOrEqualTo(20);
    }
}
