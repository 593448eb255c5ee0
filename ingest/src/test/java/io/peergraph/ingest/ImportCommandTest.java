package io.peergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.testing.SharedNeo4j;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand(() -> GraphConnection.over(SharedNeo4j.driver())));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void helpExplainsFormatsWithoutTouchingTheStore() {
        CommandLine cli = new CommandLine(new ImportCommand(() -> {
            throw new AssertionError("--help must not open the store");
        }));
        StringWriter help = new StringWriter();
        cli.setOut(new PrintWriter(help));
        assertThat(cli.execute("--help")).isZero();
        assertThat(help.toString()).contains("FORMAT", "--dead-letter", "--batch-size", "--json", "csv:<entity>", "protondb");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThat(execute("xml:reports", "file.xml")).isEqualTo(2);
    }

    @Test
    void jsonSummaryIsMachineReadable() throws Exception {
        SharedNeo4j.wipe();
        Path fixture = Path.of(getClass().getResource("/protondb/legacy-sample.json").toURI());
        int exit = execute("protondb", fixture.toString(), "--json", "--batch-size", "7", "--dead-letter", tmp.resolve("d.jsonl").toString());
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(summary.get("read").asLong()).isEqualTo(40);
        assertThat(summary.get("balanced").asBoolean()).isTrue();
        assertThat(summary.get("batches").asLong()).isEqualTo(6);
    }

    @Test
    void aMalformedFileExitsNonZero() {
        assertThat(execute("protondb", tmp.resolve("missing.json").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("error: ").contains("missing.json: no such file");
    }
}
