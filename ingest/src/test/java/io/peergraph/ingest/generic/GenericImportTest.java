package io.peergraph.ingest.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.testing.GraphCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/** The generic CSV / JSON Lines format of docs/import-format.md, every entity type once. */
class GenericImportTest {

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyStore() {
        SharedNeo4j.wipe();
    }

    private ImportRun load(String format, String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return ImportCommand.run(GraphConnection.over(driver), format, List.of(file), tmp.resolve(name + ".rejected.jsonl"), 100, Progress.none());
    }

    private void loadAll() throws IOException {
        load("csv:customers", "customers.csv", """
                handle,displayName,kind,memberOf,role
                acme,ACME Ltd,ORGANISATION,,
                alice,Alice,PERSON,acme,ADMIN
                bob,Bob,,,
                """);
        load("csv:products", "products.csv", """
                key,name,verified,steamAppId
                steam:570,Dota 2,true,570
                "name:steam deck","Steam Deck",false,
                """);
        load("jsonl:items", "items.jsonl", """
                {"sourceKey":"item-1","owner":"alice","product":"name:steam deck","nickname":"Deck","acquiredOn":"2022-03-01"}
                """);
        load("jsonl:configurations", "configurations.jsonl", """
                {"sourceKey":"cfg-a","owner":"alice","item":"item-1","items":[{"kind":"gpu","value":"AMD Radeon RX 580","raw":"Radeon RX 580 Series"},{"kind":"kernel","value":"5.4"}]}
                {"sourceKey":"cfg-b","owner":"bob","items":["gpu=AMD Radeon RX 580","kernel=5.6"]}
                """);
        load("csv:reports", "reports.csv", """
                sourceKey,owner,configuration,product,title,symptoms,occurredAt
                rep-a,alice,cfg-a,steam:570,Crackling audio,audio/crackling,2020-05-25T13:45:00Z
                rep-b,bob,cfg-b,steam:570,Audio stutters,audio/crackling;performance,1590000000
                """);
        load("jsonl:interactions", "interactions.jsonl", """
                {"sourceKey":"int-1","report":"rep-a","channel":"email","text":"It crackles","at":"2020-05-25T14:00:00Z"}
                """);
        load("jsonl:solutions", "solutions.jsonl", """
                {"sourceKey":"sol-1","proposer":"bob","title":"Set PULSE_LATENCY_MSEC=60","kind":"launch_option","symptoms":["audio/crackling"],"triedOn":["rep-b"]}
                """);
        load("csv:confirmations", "confirmations.csv", """
                sourceKey,customer,solution,configuration,worked,note
                cnf-1,alice,sol-1,cfg-a,yes,fixed it
                """);
        load("jsonl:tags", "tags.jsonl", """
                {"target":"report:rep-a","label":"Audio  Crackle","by":"alice"}
                {"target":"product:steam:570","label":"audio crackle","by":"bob"}
                """);
        defineFps();
        load("csv:measurements", "measurements.csv", """
                sourceKey,customer,metric,value,configuration,item
                m-1,alice,fps,58.5,cfg-a,
                m-2,alice,fps,61,,item-1
                """);
    }

    @Test
    void everyEntityTypeImportsFromCsvOrJsonLines() throws IOException {
        loadAll();
        Map<String, Long> counts = GraphCounts.of(driver);
        assertThat(counts).containsEntry("Customer", 3L).containsEntry("Product", 2L).containsEntry("Item", 1L)
                .containsEntry("Configuration", 2L).containsEntry("ConfigItem", 3L).containsEntry("Report", 2L)
                .containsEntry("Interaction", 1L).containsEntry("Solution", 1L).containsEntry("Confirmation", 1L)
                .containsEntry("Tag", 1L).containsEntry("Measurement", 2L).containsEntry(":LATEST_VALUE", 1L).containsEntry("Symptom", 3L)
                // BROADER: audio/crackling under audio; the generated kernel series 5.4 and 5.6 under kernel 5 (FamilyConcepts).
                .containsEntry(":MEMBER_OF", 1L).containsEntry(":BROADER", 3L).containsEntry(":TAGGED", 2L)
                .containsEntry(":SHOWS", 3L).containsEntry(":OF_ITEM", 1L).containsEntry("sum(configCount)", 4L);
        long signed = driver.executableQuery("MATCH (r:Report) WHERE r.peerItems IS NOT NULL RETURN count(r) AS n")
                .execute().records().getFirst().get("n").asLong();
        assertThat(signed).isEqualTo(2);
    }

    @Test
    void importingAgainChangesNothing() throws IOException {
        loadAll();
        Map<String, Long> before = GraphCounts.of(driver);
        loadAll();
        assertThat(GraphCounts.of(driver)).isEqualTo(before);
    }

    @Test
    void aTimeMayBeADateAloneTakenAsItsMidnightUtc() throws IOException {
        loadAll();
        ImportRun run = load("csv:reports", "dated-reports.csv", """
                sourceKey,owner,configuration,title,occurredAt
                rep-c,bob,cfg-b,Audio stutters again,1986-05-15
                rep-d,bob,cfg-b,Audio stutters once more,15/05/1986
                """);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(Files.readString(run.deadLetterFile())).contains("a date such as 2020-05-25").contains("'15/05/1986'");
        assertThat(driver.executableQuery("MATCH (r:Report {sourceKey: 'rep-c'}) RETURN toString(r.occurredAt) AS at")
                .execute().records().getFirst().get("at").asString()).isEqualTo("1986-05-15T00:00:00Z");
    }

    @Test
    void badRowsAreRejectedWithReasons() throws IOException {
        ImportRun run = load("csv:products", "products.csv", """
                key,name,verified
                steam:1,One,true
                steam:2,,true
                steam:3,Three,perhaps
                steam:4,Four,true,extra
                """);
        assertThat(run.read()).isEqualTo(4);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(3);
        assertThat(Files.readString(run.deadLetterFile())).contains("'name' is required").contains("must be true or false")
                .contains("the row has 4 cells, the header 3").contains("products.csv line 3");
        ImportRun lines = load("jsonl:products", "products.jsonl", "{\"key\":\"steam:5\",\"name\":\"Five\"}\nnot json\n");
        assertThat(lines.rejected()).isEqualTo(1);
        assertThat(lines.balanced()).isTrue();
    }

    private void defineFps() {
        driver.executableQuery("""
                MERGE (m:Metric {key: 'fps'}) ON CREATE SET m.id = 'met_test', m.name = 'Frames per second', m.unit = 'fps',
                  m.direction = 'HIGHER_IS_BETTER', m.min = 0.0, m.max = 1000.0""").execute();
    }

    @Test
    void measurementsAreCheckedByTheRuleTheApiApplies() throws IOException {
        loadAll();
        ImportRun run = load("jsonl:measurements", "bad-measurements.jsonl", """
                {"sourceKey":"m-inf","customer":"alice","metric":"fps","value":"Infinity","configuration":"cfg-a"}
                {"sourceKey":"m-nan","customer":"alice","metric":"fps","value":"NaN","configuration":"cfg-a"}
                {"sourceKey":"m-neg","customer":"alice","metric":"fps","value":-5,"configuration":"cfg-a"}
                {"sourceKey":"m-mph","customer":"alice","metric":"fps","value":60,"unit":"mph","configuration":"cfg-a"}
                {"sourceKey":"m-ok","customer":"alice","metric":"fps","value":60,"unit":"fps","configuration":"cfg-a"}
                """);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(4);
        assertThat(run.balanced()).isTrue();
        assertThat(Files.readString(run.deadLetterFile())).contains("must be a finite number").contains("allows 0.0 to 1000.0 fps, not -5.0")
                .contains("is measured in fps, not mph");
        assertThat(driver.executableQuery("MATCH (m:Measurement) WHERE m.sourceKey STARTS WITH 'm-' RETURN collect(m.sourceKey) AS keys")
                .execute().records().getFirst().get("keys").asList()).containsExactlyInAnyOrder("m-1", "m-2", "m-ok");
    }

    @Test
    void textLongerThanTheApiAllowsIsRejectedNotFailingTheBatch() throws IOException {
        ImportRun run = load("jsonl:customers", "customers.jsonl", "{\"handle\":\"" + "h".repeat(100_000) + "\"}\n{\"handle\":\"carol\"}\n");
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(1);
        assertThat(Files.readString(run.deadLetterFile())).contains("'handle' must be at most 200 characters, not 100000");
    }

    @Test
    void aRecordReferringToWhatIsNotInTheGraphIsRejected() throws IOException {
        ImportRun run = load("jsonl:reports", "orphans.jsonl", """
                {"sourceKey":"rep-x","owner":"nobody","configuration":"cfg-x","title":"Orphan"}
                """);
        assertThat(run.rejected()).isEqualTo(1);
        assertThat(run.imported()).isZero();
        assertThat(run.balanced()).isTrue();
        assertThat(Files.readString(run.deadLetterFile())).contains("its owner (customer handle) or its configuration (sourceKey) is not in the graph");
    }

    /**
     * Solutions imported before their reports (or with some of those rejected) used to count as imported without their
     * TRIED and SOLVES links, and a re-import after the fix left them so: a solution that lists a missing report is
     * rejected, and its symptoms are made as a report's are.
     */
    @Test
    void aSolutionTriedOnAReportNotInTheGraphIsRejectedUntilTheReportIsThere() throws IOException {
        load("csv:customers", "customers.csv", "handle\nalice\n");
        load("jsonl:configurations", "configurations.jsonl", """
                {"sourceKey":"cfg-a","owner":"alice","items":["gpu=AMD Radeon RX 580"]}
                """);
        String solutions = """
                sourceKey,proposer,title,symptoms,triedOn
                sol-early,alice,Lower the latency,audio/crackling;audio/missing,rep-later
                sol-untried,alice,Reinstall,audio/missing,
                """;
        ImportRun early = load("csv:solutions", "solutions.csv", solutions);
        assertThat(early.imported()).isEqualTo(1);
        assertThat(early.rejected()).isEqualTo(1);
        assertThat(Files.readString(early.deadLetterFile())).contains("a report it was tried on (triedOn, sourceKeys) is not in the graph");
        assertThat(driver.executableQuery("MATCH (:Solution {sourceKey: 'sol-untried'})-[:SOLVES]->(s:Symptom)-[:BROADER]->(b:Symptom) RETURN s.key + ' < ' + b.key AS k")
                .execute().records().getFirst().get("k").asString()).isEqualTo("audio/missing < audio");

        load("csv:reports", "reports.csv", """
                sourceKey,owner,configuration,title,symptoms
                rep-later,alice,cfg-a,Crackling audio,audio/crackling
                """);
        ImportRun again = load("csv:solutions", "solutions.csv", solutions);
        assertThat(again.imported()).isEqualTo(1);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(driver.executableQuery("""
                MATCH (:Report {sourceKey: 'rep-later'})-[:TRIED]->(sol:Solution {sourceKey: 'sol-early'})
                RETURN COUNT { (sol)-[:SOLVES]->() } AS solves
                """).execute().records().getFirst().get("solves").asLong()).isEqualTo(2);
    }

    @Test
    void aSymptomNameTheApiRefusesIsDeadLetteredWithItsLineAndNothingOfItIsWritten() throws IOException {
        load("csv:customers", "customers.csv", "handle\nalice\n");
        load("jsonl:configurations", "configurations.jsonl", """
                {"sourceKey":"cfg-a","owner":"alice","items":["gpu=AMD Radeon RX 580"]}
                """);
        // "audio/x" names its symptom "X" (under 3 characters), "noise/404" names one "404" (no word): describeSymptom refuses both.
        ImportRun run = load("csv:reports", "reports.csv", """
                sourceKey,owner,configuration,title,symptoms
                rep-ok,alice,cfg-a,Crackling audio,audio/crackling
                rep-short,alice,cfg-a,Short,audio/x
                rep-digits,alice,cfg-a,Digits,noise/404
                """);

        assertThat(run.read()).isEqualTo(3);
        assertThat(run.imported()).isEqualTo(1);
        assertThat(run.rejected()).isEqualTo(2);
        assertThat(run.balanced()).isTrue();
        assertThat(Files.readString(run.deadLetterFile()))
                .contains("reports.csv line 3").contains("'audio/x'").contains("'X' must be at least 3 characters")
                .contains("reports.csv line 4").contains("'noise/404'").contains("'404' must contain a word");
        // Nothing of the rejected lines: neither their reports nor their symptoms (nor the broader "noise" of the second).
        assertThat(driver.executableQuery("MATCH (s:Symptom) RETURN s.key AS key ORDER BY key").execute().records().stream()
                .map(r -> r.get("key").asString()).toList()).containsExactly("audio", "audio/crackling");
        assertThat(driver.executableQuery("MATCH (r:Report) RETURN r.title AS title").execute().records().stream()
                .map(r -> r.get("title").asString()).toList()).containsExactly("Crackling audio");
    }

    @Test
    void aCsvWithoutARequiredColumnStopsWithOneLine() throws IOException {
        ImportRun run = load("csv:reports", "reports.csv", "sourceKey,owner,title\nrep-1,alice,Hello\n");
        assertThat(run.error()).isEqualTo("reports.csv line 1: the header lacks the column 'configuration' "
                + "(required: sourceKey, owner, configuration, title; found: sourceKey, owner, title)");
        assertThat(run.read()).isZero();
    }
}
