package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.testing.GraphCounts;
import io.peergraph.ingest.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real questionnaire dump (22,508 reports, ProtonDB, ODbL 1.0 / DbCL 1.0) end to end. */
class FullDumpImportTest {

    @TempDir
    Path tmp;

    @Test
    void fullDumpImportsOnceAndReimportChangesNothing() {
        Path dump = SharedData.require("protondb/reports_jun1_2020.tar.gz");
        SharedNeo4j.wipe();
        ImportRun first = ImportCommand.run(SharedNeo4j.driver(), "protondb", List.of(dump), tmp.resolve("dead.jsonl"), 1000, Progress.none());
        first.summary().forEach(System.out::println);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.read()).isEqualTo(22_508);
        assertThat(first.rejected()).isZero();
        long gpuStrings = first.statistics().get("gpuStrings");
        assertThat(first.statistics().get("gpuResolved")).isGreaterThanOrEqualTo((long) Math.ceil(gpuStrings * 0.9));
        Map<String, Long> after = GraphCounts.of(SharedNeo4j.driver());
        System.out.println(after);
        assertThat(after.get("Report")).isEqualTo(first.imported());
        assertThat(after.get("Product")).isEqualTo(7_459);

        ImportRun second = ImportCommand.run(SharedNeo4j.driver(), "protondb", List.of(dump), tmp.resolve("dead2.jsonl"), 1000, Progress.none());
        second.summary().forEach(System.out::println);
        assertThat(second.imported()).isZero();
        assertThat(second.unchanged()).isEqualTo(first.imported());
        assertThat(GraphCounts.of(SharedNeo4j.driver())).isEqualTo(after);
    }
}
