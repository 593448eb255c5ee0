package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.testing.GraphCounts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/** ProtonDB imports of the committed fixtures (real reports, see test resources' ATTRIBUTION.md). */
class ProtonDbImportTest {

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyStore() {
        SharedNeo4j.wipe();
    }

    static Path fixture(String name) {
        try {
            return Path.of(ProtonDbImportTest.class.getResource("/protondb/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportRun importFile(Path file) {
        return ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), tmp.resolve("rejected-" + System.nanoTime() + ".jsonl"), 25, Progress.none());
    }

    @Test
    void countsPerEntityTypeMatchTheFile() throws IOException {
        Path json = fixture("questionnaire-sample.json");
        ImportRun run = importFile(fixture("questionnaire-sample.tar.gz"));

        JsonNode reports = new ObjectMapper().readTree(json.toFile());
        Set<String> games = new HashSet<>();
        reports.forEach(r -> games.add(r.path("app").path("steam").path("appId").asText()));
        Map<String, Long> counts = GraphCounts.of(driver);
        assertThat(run.succeeded()).isTrue();
        assertThat(run.read()).isEqualTo(reports.size());
        assertThat(run.imported()).isEqualTo(reports.size());
        assertThat(counts.get("Report")).isEqualTo(reports.size());
        assertThat(counts.get("Interaction")).isEqualTo(reports.size());
        assertThat(counts.get("Product")).isEqualTo(games.size());
        assertThat(counts.get(":ABOUT")).isEqualTo(reports.size());
        assertThat(counts.get(":ON")).isEqualTo(reports.size());
        // One pseudonymous customer per distinct system, plus the community that proposes shared solutions.
        assertThat(counts.get("Customer")).isEqualTo(counts.get("Configuration") + 1);
        assertThat(counts.get("sum(configCount)")).isEqualTo(counts.get(":INCLUDES"));
        assertThat(run.statistics().get("gpuResolved")).isGreaterThanOrEqualTo((long) (0.9 * run.statistics().get("gpuStrings")));
        // Search catches up without a reindex: every case, product and confirmed solution has an outbox event.
        Map<String, Long> events = new HashMap<>();
        driver.executableQuery("MATCH (e:OutboxEvent) RETURN e.type AS type, count(DISTINCT e.aggregateId) AS n").execute().records()
                .forEach(r -> events.put(r.get("type").asString(), r.get("n").asLong()));
        assertThat(events.get("ReportChanged")).isEqualTo(reports.size());
        assertThat(events.get("ProductChanged")).isEqualTo(games.size());
        assertThat(events.get("ConfirmationRecorded")).isEqualTo(counts.get("Solution"));
    }

    @Test
    void importingTwiceChangesNothing() {
        Path file = fixture("questionnaire-sample.json");
        ImportRun first = importFile(file);
        Map<String, Long> after = GraphCounts.of(driver);
        ImportRun second = importFile(file);
        assertThat(second.imported()).isZero();
        assertThat(second.unchanged()).isEqualTo(first.imported());
        assertThat(second.balanced()).isTrue();
        assertThat(GraphCounts.of(driver)).isEqualTo(after);
    }

    @Test
    void aRunStoppedPartWayResumesAndEndsWithTheSameCounts() {
        Path file = fixture("questionnaire-sample.json");
        importFile(file);
        Map<String, Long> uninterrupted = GraphCounts.of(driver);
        SharedNeo4j.wipe();

        ImportEngine crashing = new ImportEngine(GraphConnection.over(driver), ImportEngine.Options.defaults().withBatchSize(10).withAfterCommit(batch -> {
            if (batch == 3) {
                throw new IllegalStateException("simulated crash after batch 3");
            }
        }));
        try (DeadLetterFile dead = new DeadLetterFile(tmp.resolve("crash.jsonl"))) {
            assertThatThrownBy(() -> new ImportFormat.ProtonDb().importFile(crashing, file, dead)).hasMessageContaining("simulated crash");
        }
        assertThat(GraphCounts.of(driver).get("Report")).isEqualTo(30);

        ImportRun resumed = importFile(file);
        assertThat(resumed.unchanged()).isEqualTo(30);
        assertThat(resumed.imported()).isEqualTo(resumed.read() - 30);
        Map<String, Long> counts = GraphCounts.of(driver);
        counts.remove("ImportCheckpoint");
        uninterrupted.remove("ImportCheckpoint");
        assertThat(counts).isEqualTo(uninterrupted);
    }

    @Test
    void legacyReportsMapRatingsToSymptomsAndSpecsToItems() {
        ImportRun run = importFile(fixture("legacy-sample.json"));
        assertThat(run.succeeded()).isTrue();
        assertThat(run.rejected()).isZero();
        long borked = driver.executableQuery("""
                MATCH (:Report {sourceFormat: 'legacy'})-[:SHOWS]->(:Symptom {key: 'stability/does-not-run'})-[:BROADER]->(:Symptom {key: 'stability'})
                RETURN count(*) AS n""").execute().records().getFirst().get("n").asLong();
        assertThat(borked).isPositive();
        // "i5-4690 @ 3.50Ghz / GeForce GTX 960": the legacy one-liner is split, each part normalised and kept raw.
        var fromSpecs = driver.executableQuery("""
                MATCH (cfg:Configuration)-[inc:INCLUDES]->(gpu:ConfigItem {kind: 'gpu'}) WHERE inc.raw = 'GeForce GTX 960'
                MATCH (cfg)-[:INCLUDES]->(cpu:ConfigItem {kind: 'cpu_family'})
                RETURN gpu.value AS gpu, cpu.value AS cpu""").execute().records();
        assertThat(fromSpecs).singleElement().satisfies(r -> {
            assertThat(r.get("gpu").asString()).isEqualTo("NVIDIA GeForce GTX 960");
            assertThat(r.get("cpu").asString()).isEqualTo("Intel Core i5");
        });
    }

    @Test
    void aFollowUpAnswerThatMakesASymptomNameTheApiRefusesIsDeadLettered() throws IOException {
        String good = """
                {"app":{"steam":{"appId":"570"}},"responses":{"verdict":"yes","audioFaults":"yes","followUp":{"audioFaults":{"crackling":true}}},
                 "timestamp":1572299227,"systemInfo":{"gpu":"NVIDIA GeForce GTX 1070"}}""";
        // A later questionnaire's follow-up "x" would make the symptom audio/x named "X": describeSymptom refuses it.
        String refused = """
                {"app":{"steam":{"appId":"440"}},"responses":{"verdict":"no","inputFaults":"yes","followUp":{"inputFaults":{"x":true}}},
                 "timestamp":1572299227,"systemInfo":{"gpu":"NVIDIA GeForce GTX 1070"}}""";
        Path file = tmp.resolve("names.json");
        Files.writeString(file, "[" + good + ",\n" + refused + "]");
        Path dead = tmp.resolve("names-dead.jsonl");

        ImportRun run = ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), dead, 10, Progress.none());

        assertThat(run.read()).isEqualTo(2);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(1);
        assertThat(run.balanced()).isTrue();
        JsonNode line = json(Files.readAllLines(dead).getFirst());
        assertThat(line.get("location").asText()).contains("names.json line 3");
        assertThat(line.get("reason").asText()).contains("'input/x'").contains("'X' must be at least 3 characters");
        assertThat(driver.executableQuery("MATCH (s:Symptom) WHERE s.key STARTS WITH 'input' RETURN count(s) AS n").execute()
                .records().getFirst().get("n").asLong()).isZero();
        assertThat(driver.executableQuery("MATCH (r:Report) RETURN count(r) AS n").execute().records().getFirst().get("n").asLong()).isEqualTo(1);
    }

    @Test
    void badRecordsLandInTheDeadLetterFileWithReasons() throws IOException {
        String good = """
                {"app":{"steam":{"appId":"570"},"title":"Dota 2"},"responses":{"verdict":"yes","protonVersion":"Default"},
                 "timestamp":1572299227,"systemInfo":{"gpu":"NVIDIA GeForce GTX 1070","gpuDriver":"NVIDIA 440.64"}}""";
        String noApp = """
                {"app":{"title":"Nameless"},"responses":{"verdict":"yes"},"timestamp":1572299227,"systemInfo":{}}""";
        String badTime = """
                {"app":{"steam":{"appId":"440"}},"responses":{"verdict":"no"},"timestamp":"yesterday","systemInfo":{}}""";
        byte[] latin1 = """
                {"app":{"steam":{"appId":"730"}},"responses":{"verdict":"yes","notes":{"verdict":"Tr\u00e8s bien"}},"timestamp":1572299227}"""
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = tmp.resolve("bad.json");
        Files.write(file, concat(("[" + good + "," + noApp + "," + badTime + ",").getBytes(StandardCharsets.UTF_8), latin1,
                "]".getBytes(StandardCharsets.UTF_8)));
        Path dead = tmp.resolve("dead.jsonl");

        ImportRun run = ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), dead, 10, Progress.none());

        assertThat(run.read()).isEqualTo(4);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(3);
        assertThat(run.balanced()).isTrue();
        List<JsonNode> lines = Files.readAllLines(dead).stream().map(ProtonDbImportTest::json).toList();
        assertThat(lines).extracting(l -> l.get("reason").asText()).satisfiesExactly(
                r -> assertThat(r).contains("Steam app id"),
                r -> assertThat(r).contains("timestamp 'yesterday'"),
                r -> assertThat(r).contains("responses.notes.verdict").contains("not UTF-8"));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("position").asLong()).isPositive();
            assertThat(l.get("location").asText()).contains("bad.json line");
            assertThat(l.get("raw").asText()).startsWith("{");
        });
    }

    @Test
    void malformedFilesGiveAOneLineErrorWithThePosition() throws IOException {
        byte[] tgz = Files.readAllBytes(fixture("questionnaire-sample.tar.gz"));
        Path truncated = tmp.resolve("truncated.tar.gz");
        Files.write(truncated, java.util.Arrays.copyOf(tgz, tgz.length / 2));
        assertThat(importFile(truncated).error()).contains("ends early").doesNotContain("\n");

        Path invalid = tmp.resolve("invalid.json");
        Files.writeString(invalid, "[{\"appId\": \"1\", \"rating\": \"Gold\", \"timestamp\": 1572299227},\n{\"appId\": oops}]");
        ImportRun broken = importFile(invalid);
        assertThat(broken.error()).contains("invalid.json line 2").contains("invalid JSON after record 1");
        assertThat(broken.read()).isEqualTo(1);
        assertThat(broken.balanced()).isTrue();

        Path utf16 = tmp.resolve("utf16.json");
        Files.writeString(utf16, "[{\"appId\": \"1\"}]", StandardCharsets.UTF_16);
        assertThat(importFile(utf16).error()).contains("UTF-16");

        assertThat(importFile(tmp.resolve("absent.json")).error()).contains("no such file");
    }

    @Test
    void peersWithTheSameSymptomAreFound() {
        importFile(fixture("questionnaire-sample.json"));
        var mine = driver.executableQuery("""
                MATCH (cfg:Configuration)<-[:ON]-(:Report)-[:SHOWS]->(:Symptom {key: 'audio/crackling'})
                MATCH (audio:Symptom {key: 'audio'})
                RETURN cfg.id AS cfg, audio.id AS symptom LIMIT 1""").execute().records().getFirst();
        PeersWithSymptomQuery peers = new PeersWithSymptomQuery(Neo4jClient.create(driver));
        assertThat(peers.peerCount(mine.get("cfg").asString(), mine.get("symptom").asString())).isPositive();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
