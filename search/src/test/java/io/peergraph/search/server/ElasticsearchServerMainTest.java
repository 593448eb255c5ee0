package io.peergraph.search.server;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import io.peergraph.graph.testing.ScratchDirs;
import io.peergraph.search.cluster.SearchClientFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a build script does: start one server, use it, stop it. */
class ElasticsearchServerMainTest {

    private Path dataDir;

    @BeforeEach
    void createDataDir() {
        dataDir = ScratchDirs.create("peergraph-es-main-");
    }

    @AfterEach
    void stopAndDelete() throws Exception {
        launcher("stop");
        ScratchDirs.delete(dataDir);
    }

    @Test
    void startLeavesAHealthyServerThatStopEnds() throws Exception {
        // A busy machine takes longer than the default 2 minutes to start Elasticsearch: the supervisor is given 10.
        Launch started = launcher("start", "--heap", "256m", "--start-timeout", "600");
        assertThat(started.exitCode()).as(started.output()).isZero();
        URI uri = started.printedUri();
        try (ElasticsearchClient client = SearchClientFactory.create(uri, ElasticsearchServer.credentialsOf(dataDir))) {
            assertThat(client.cluster().health().status()).isEqualTo(HealthStatus.Green);
        }
        ProcessHandle server = ProcessHandle.of(Long.parseLong(
                        Files.readString(ServerDirectories.under(dataDir).pidFile())
                                .strip()))
                .orElseThrow();

        assertThat(launcher("start").printedUri())
                .as("a second start finds the running server")
                .isEqualTo(uri);

        Launch stopped = launcher("stop");
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(server.isAlive()).isFalse();
    }

    private Launch launcher(String command, String... options) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ElasticsearchServerMain.class.getName(),
                command,
                "--data-dir",
                dataDir.toString()));
        line.addAll(List.of(options));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Launch(process.exitValue(), output);
    }

    private record Launch(int exitCode, String output) {

        /** The URI is the last line; anything before it is the JVM talking. */
        URI printedUri() {
            return URI.create(
                    output.strip().lines().reduce((first, second) -> second).orElseThrow());
        }
    }
}
