package io.peergraph.ingest.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.testing.GraphCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * The engine's two writers (one batch's statements beside the other's commit) on a generic file of many small
 * batches: every record once, repeats across batches in flight together counted once, the outbox in step, and a run
 * that stops part-way leaves a checkpoint that covers only what is in the graph, so the re-run converges.
 */
class TwoWritersTest {

    private static final int REPORTS = 600;
    private static final int BATCH = 7;
    private static final int CONFIGURATIONS = 300;

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    @BeforeEach
    void customersAndConfigurations() throws IOException {
        SharedNeo4j.wipe();
        StringBuilder customers = new StringBuilder();
        StringBuilder configurations = new StringBuilder();
        for (int c = 0; c < 20; c++) {
            customers.append("{\"handle\":\"c%d\"}\n".formatted(c));
        }
        // Enough configurations that the shared items become dense nodes (over 50 relationships), where linking and
        // counting them from two batches at once could deadlock.
        for (int c = 0; c < CONFIGURATIONS; c++) {
            configurations.append("{\"sourceKey\":\"cfg-%d\",\"owner\":\"c%d\",\"items\":[\"gpu=GPU %d\",\"kernel=5.%d\",\"os=Common OS\"]}\n"
                    .formatted(c, c % 20, c % 3, c % 4));
        }
        assertThat(importFile("jsonl:customers", write("customers.jsonl", customers.toString()), engine(2)).imported()).isEqualTo(20);
        assertThat(importFile("jsonl:configurations", write("configurations.jsonl", configurations.toString()), engine(2)).imported())
                .isEqualTo(CONFIGURATIONS);
    }

    @Test
    void everyRecordOnceAndRepeatsCountedOnce() throws IOException {
        Path reports = write("reports.jsonl", reports());
        ImportRun run = importFile("jsonl:reports", reports, engine(2));
        assertThat(run.succeeded()).isTrue();
        assertThat(run.read()).isEqualTo(REPORTS + REPORTS / 50);
        assertThat(run.imported()).isEqualTo(REPORTS);
        assertThat(run.unchanged()).isEqualTo(REPORTS / 50); // the repeats
        Map<String, Long> counts = GraphCounts.of(driver);
        assertThat(counts).containsEntry("Report", (long) REPORTS).containsEntry(":REPORTED", (long) REPORTS)
                .containsEntry(":SHOWS", (long) REPORTS).containsEntry("sum(configCount)", 3L * CONFIGURATIONS);
        assertThat(count("MATCH (e:OutboxEvent {type: 'ReportChanged'}) RETURN count(DISTINCT e.aggregateId) AS n")).isEqualTo(REPORTS);
        assertThat(count("MATCH (e:OutboxEvent) RETURN max(e.seq) - min(e.seq) + 1 - count(e) AS n")).as("no gaps in the outbox").isZero();
        assertThat(count("MATCH (c:ImportCheckpoint) RETURN max(c.position) AS n")).isEqualTo(run.read());
        // Batches after the first merge no symptom (settled) but still sign with the broader one's term.
        assertThat(count("""
                MATCH (r:Report), (audio:Symptom {key: 'audio'})
                WHERE NOT r.peerSymptoms CONTAINS audio.id RETURN count(r) AS n""")).isZero();

        ImportRun again = importFile("jsonl:reports", reports, engine(2));
        assertThat(again.unchanged()).isEqualTo(again.read());
        assertThat(GraphCounts.of(driver)).isEqualTo(counts);
    }

    @Test
    void aRunStoppedPartWayLeavesACheckpointCoveredByTheGraphAndTheReRunConverges() throws IOException {
        Path reports = write("reports.jsonl", reports());
        importFile("jsonl:reports", reports, engine(1));
        Map<String, Long> uninterrupted = GraphCounts.of(driver);
        uninterrupted.remove("ImportCheckpoint");

        customersAndConfigurations();
        AtomicLong commits = new AtomicLong();
        ImportEngine stopping = new ImportEngine(driver, ImportEngine.Options.defaults().withBatchSize(BATCH).withWriters(2)
                .withAfterCommit(batch -> {
                    if (commits.incrementAndGet() == 30) {
                        throw new IllegalStateException("stopped part-way");
                    }
                }));
        assertThatThrownBy(() -> importFile("jsonl:reports", reports, stopping)).hasMessageContaining("stopped part-way");
        long checkpoint = count("MATCH (c:ImportCheckpoint) WHERE c.file = 'reports.jsonl' RETURN c.position AS n");
        assertThat(checkpoint).isPositive();
        // Every record the checkpoint covers is in the graph (the line number is the position: no blank lines).
        String covered = reports().lines().limit(checkpoint).map(l -> l.replaceAll(".*\"sourceKey\":\"([^\"]+)\".*", "'$1'"))
                .distinct().reduce((a, b) -> a + "," + b).orElseThrow();
        assertThat(count("MATCH (r:Report) WHERE r.sourceKey IN [" + covered + "] RETURN count(r) AS n"))
                .isEqualTo(covered.split(",").length);

        ImportRun resumed = importFile("jsonl:reports", reports, engine(2));
        assertThat(resumed.succeeded()).isTrue();
        Map<String, Long> counts = GraphCounts.of(driver);
        counts.remove("ImportCheckpoint");
        assertThat(counts).isEqualTo(uninterrupted);
    }

    /** Reports over the customers, every 50th line repeating the report of the line before it (next batch or same). */
    private static String reports() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < REPORTS; i++) {
            String line = "{\"sourceKey\":\"rep-%d\",\"owner\":\"c%d\",\"configuration\":\"cfg-%d\",\"title\":\"Report %d\",\"symptoms\":[\"audio/crackling\"]}\n"
                    .formatted(i, i % 20, i % 20, i);
            out.append(line);
            if (i % 50 == 49) {
                out.append(line);
            }
        }
        return out.toString();
    }

    private ImportEngine engine(int writers) {
        return new ImportEngine(driver, ImportEngine.Options.defaults().withBatchSize(BATCH).withWriters(writers));
    }

    private ImportRun importFile(String format, Path file, ImportEngine engine) {
        try (DeadLetterFile rejected = new DeadLetterFile(tmp.resolve(file.getFileName() + ".rejected.jsonl"))) {
            return ImportFormat.parse(format).importFile(engine, file, rejected);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private long count(String cypher) {
        return driver.executableQuery(cypher).execute().records().getFirst().get("n").asLong();
    }
}
