package io.peergraph.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The independent GraphQL-over-HTTP audit (npm {@code graphql-http}'s server audits, run by
 * {@code .ci/graphql-http-audit.mjs}) against this service: every MUST and SHOULD audit passes, and the optional
 * (MAY) ones too. Needs Node.js, and npm's registry the first time (the script installs graphql-http under
 * {@code api/target}); skipped with a message when either is missing.
 */
@ApiTest
class GraphQlHttpAuditTest {

    private static final Path SCRIPT = Path.of("..", ".ci", "graphql-http-audit.mjs");

    @Autowired GraphQlHttp api;

    @Test
    void theGraphQlOverHttpAuditPassesEveryCheck() throws Exception {
        Assumptions.assumeTrue(Files.exists(SCRIPT), "skipped: " + SCRIPT.toAbsolutePath() + " not found (run from the api module)");
        Assumptions.assumeTrue(nodeIsInstalled(), "skipped: Node.js (node) is not installed, so the graphql-http audit cannot run");
        Path output = Files.createTempFile("graphql-http-audit", ".json");
        Process audit = new ProcessBuilder("node", SCRIPT.toString(), api.uri("/graphql").toString(), "--json")
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!audit.waitFor(10, TimeUnit.MINUTES)) {
            audit.destroyForcibly();
            Assumptions.abort("skipped: the graphql-http audit did not finish (npm install hanging?)");
        }
        String json = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        Assumptions.assumeTrue(audit.exitValue() != 2, "skipped: graphql-http could not be installed or run (see the output above)");

        JsonNode report = new ObjectMapper().readTree(json);
        List<String> failed = new ArrayList<>();
        report.path("results").forEach(r -> {
            if (!r.path("status").asText().equals("ok")) {
                failed.add(r.path("status").asText() + " " + r.path("id").asText() + " " + r.path("name").asText() + ": " + r.path("reason").asText());
            }
        });
        assertThat(failed).as("graphql-http audits that did not pass").isEmpty();
        assertThat(report.path("results").size()).as("audits run").isGreaterThan(50);
        assertThat(audit.exitValue()).isZero();
    }

    private static boolean nodeIsInstalled() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
