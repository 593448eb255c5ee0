package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.source.JsonArrayRecords;
import io.peergraph.ingest.source.SourceRecord;
import io.peergraph.ingest.testing.GraphCounts;
import io.peergraph.ingest.testing.SharedData;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The real dumps in ../shared/data/protondb (ProtonDB, ODbL 1.0 / DbCL 1.0): the 22,508-report questionnaire
 * dump and the 500-report legacy sample. Skipped, with a message, where that data is absent.
 */
class FullDumpImportTest {

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    private ImportRun importFile(Path file) {
        return ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), tmp.resolve("rejected-" + System.nanoTime() + ".jsonl"), 1000,
                Progress.none());
    }

    @Test
    void questionnaireDumpImportsCompletelyOnceAndFindsPeers() {
        Path dump = SharedData.require("protondb/reports_jun1_2020.tar.gz");
        SharedNeo4j.wipe();
        Set<String> games = new HashSet<>();
        Set<String> distinctRecords = new HashSet<>();
        try (JsonArrayRecords records = new JsonArrayRecords(dump)) {
            for (SourceRecord r; (r = records.next()) != null; ) {
                games.add(r.value().path("app").path("steam").path("appId").asText());
                distinctRecords.add(r.raw());
            }
        }

        ImportRun first = importFile(dump);
        first.summary().forEach(line -> System.out.println("full dump: " + line));
        assertThat(first.succeeded()).isTrue();
        assertThat(first.read()).isEqualTo(22_508);
        assertThat(first.rejected()).isZero();
        assertThat(first.imported()).isEqualTo(distinctRecords.size());
        assertThat(first.statistics().get("gpuResolved")).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * first.statistics().get("gpuStrings")));
        Map<String, Long> counts = GraphCounts.of(driver);
        assertThat(counts).containsEntry("Report", (long) distinctRecords.size()).containsEntry("Interaction", (long) distinctRecords.size())
                .containsEntry("Product", (long) games.size()).containsEntry("Customer", counts.get("Configuration") + 1);
        assertThat(counts.get("sum(configCount)")).isEqualTo(counts.get(":INCLUDES"));

        // Same GPU family + crackling audio: a real peer exists, and the peer query finds peers.
        var pair = driver.executableQuery("""
                MATCH (mine:Configuration)<-[:ON]-(:Report)-[:SHOWS]->(crackling:Symptom {key: 'audio/crackling'}),
                      (mine)-[:INCLUDES]->(family:ConfigItem {kind: 'gpu_family'})<-[:INCLUDES]-(theirs:Configuration)
                      <-[:ON]-(:Report)-[:SHOWS]->(crackling)
                WHERE theirs <> mine
                RETURN mine.id AS cfg, crackling.id AS symptom, family.value AS family LIMIT 1""").execute().records();
        assertThat(pair).isNotEmpty();
        long peers = new PeersWithSymptomQuery(Neo4jClient.create(driver))
                .peerCount(pair.getFirst().get("cfg").asString(), pair.getFirst().get("symptom").asString());
        assertThat(peers).isPositive();

        ImportRun second = importFile(dump);
        second.summary().forEach(line -> System.out.println("re-import: " + line));
        assertThat(second.imported()).isZero();
        assertThat(second.unchanged()).isEqualTo(22_508);
        assertThat(GraphCounts.of(driver)).isEqualTo(counts);
    }

    @Test
    void legacySampleImportsAndAStoppedRunConverges() {
        Path sample = SharedData.require("protondb/reports_legacy_sample.json");
        SharedNeo4j.wipe();
        ImportRun uninterruptedRun = importFile(sample);
        uninterruptedRun.summary().forEach(line -> System.out.println("legacy sample: " + line));
        assertThat(uninterruptedRun.succeeded()).isTrue();
        assertThat(uninterruptedRun.read()).isEqualTo(500);
        Map<String, Long> uninterrupted = GraphCounts.of(driver);
        uninterrupted.remove("ImportCheckpoint");
        SharedNeo4j.wipe();

        ImportEngine crashing = new ImportEngine(GraphConnection.over(driver), ImportEngine.Options.defaults().withBatchSize(50).withAfterCommit(batch -> {
            if (batch == 4) {
                throw new IllegalStateException("simulated crash after batch 4");
            }
        }));
        try (DeadLetterFile dead = new DeadLetterFile(tmp.resolve("crash.jsonl"))) {
            assertThatThrownBy(() -> new ImportFormat.ProtonDb().importFile(crashing, sample, dead)).hasMessageContaining("simulated crash");
        }
        ImportRun resumed = importFile(sample);
        assertThat(resumed.balanced()).isTrue();
        assertThat(resumed.unchanged()).isPositive();
        Map<String, Long> counts = GraphCounts.of(driver);
        counts.remove("ImportCheckpoint");
        assertThat(counts).isEqualTo(uninterrupted);
    }
}
