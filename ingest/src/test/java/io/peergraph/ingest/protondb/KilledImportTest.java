package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.testing.GraphCounts;
import io.peergraph.ingest.testing.ImportChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * {@code kill -9} of a real importing process (a child JVM writing to this JVM's Neo4j over Bolt): what it
 * leaves is whole batches only, and running the same import again converges to the counts of an uninterrupted run.
 */
class KilledImportTest {

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    @Test
    void aKilledProcessLeavesWholeRecordsAndARerunConverges() throws Exception {
        Path file = ProtonDbImportTest.fixture("questionnaire-sample.json");
        SharedNeo4j.wipe();
        importFile(file);
        Map<String, Long> uninterrupted = withoutCheckpoints(GraphCounts.of(driver));
        SharedNeo4j.wipe();

        Path output = tmp.resolve("child.log");
        ProcessBuilder childProcess = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(),
                SharedNeo4j.boltUri(), "protondb", file.toString(), "5", "300", tmp.resolve("child-rejected.jsonl").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        childProcess.environment().put(ImportChild.PASSWORD_VARIABLE, SharedNeo4j.password());
        Process child = childProcess.start();
        long committed = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (committed < 10 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            committed = checkpoint();
        }
        assertThat(child.isAlive()).as("the child was still importing when killed: %s", Files.exists(output) ? Files.readString(output) : "")
                .isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no driver close, a transaction may be open
        child.waitFor();

        long reports = count("MATCH (r:Report) RETURN count(r) AS n");
        assertThat(reports).as("some batches committed, not all").isPositive().isLessThan(uninterrupted.get("Report"));
        // A report with symptoms and items carries its peer signature, written in the same transaction.
        assertThat(count("MATCH (r:Report)-[:SHOWS]->() WHERE r.peerOwner IS NULL RETURN count(DISTINCT r) AS n")).isZero();
        assertThat(count("""
                MATCH (r:Report)
                WHERE NOT (r)-[:ON]->(:Configuration) OR NOT (r)-[:ABOUT]->(:Product) OR NOT (r)-[:HAS_INTERACTION]->(:Interaction)
                   OR NOT (:Customer)-[:REPORTED]->(r)
                RETURN count(r) AS n""")).as("half-written reports").isZero();

        ImportRun resumed = importFile(file);
        assertThat(resumed.succeeded()).isTrue();
        // Exactly what the checkpoint covers was in the graph: nothing of the batch the kill interrupted.
        assertThat(resumed.unchanged()).isEqualTo(reports);
        assertThat(withoutCheckpoints(GraphCounts.of(driver))).isEqualTo(uninterrupted);
    }

    private ImportRun importFile(Path file) {
        return ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), tmp.resolve("rejected-" + System.nanoTime() + ".jsonl"), 25,
                Progress.none());
    }

    private long checkpoint() {
        return count("MATCH (c:ImportCheckpoint) RETURN coalesce(max(c.position), 0) AS n");
    }

    private long count(String cypher) {
        return driver.executableQuery(cypher).execute().records().getFirst().get("n").asLong();
    }

    private static Map<String, Long> withoutCheckpoints(Map<String, Long> counts) {
        counts.remove("ImportCheckpoint");
        return counts;
    }
}
