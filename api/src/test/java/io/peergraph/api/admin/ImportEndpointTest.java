package io.peergraph.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

/** The online import: {@code ./peergraph import … --url} uploading to the running service's POST /admin/import. */
@ApiTest
class ImportEndpointTest {

    @Autowired GraphQlHttp api;

    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int importThroughService(String token, String format, Path file) {
        CommandLine cli = new CommandLine(new ImportCommand(() -> {
            throw new AssertionError("--url must not open a local store");
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(format, file.toString(), "--url", api.uri("/").toString(), "--token", token);
    }

    @Test
    void anAdminImportsIntoTheRunningServiceAndASecondImportChangesNothing() throws Exception {
        String prefix = "import-http-" + System.nanoTime();
        Path customers = Files.writeString(tmp.resolve("customers.jsonl"), """
                {"handle": "%1$s-a", "displayName": "A"}
                {"handle": "%1$s-b", "kind": "organisation"}
                {"displayName": "no handle"}
                """.formatted(prefix));
        String admin = api.newCustomer(Role.ADMIN);

        assertThat(importThroughService(admin, "jsonl:customers", customers)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("jsonl:customers: read 3 = imported 2 + unchanged 0 + rejected 1");
        assertThat(handles(prefix)).isEqualTo(2);

        out.getBuffer().setLength(0);
        assertThat(importThroughService(admin, "jsonl:customers", customers)).isZero();
        assertThat(out.toString()).contains("read 3 = imported 0 + unchanged 2 + rejected 1");
        assertThat(handles(prefix)).isEqualTo(2);
    }

    @Test
    void aCustomerIsRefusedWithATypedErrorAndNothingIsImported() throws Exception {
        String prefix = "import-http-" + System.nanoTime();
        Path customers = Files.writeString(tmp.resolve("customers.jsonl"), "{\"handle\": \"" + prefix + "-x\"}\n");

        assertThat(importThroughService(api.newCustomer(), "jsonl:customers", customers)).isEqualTo(1);
        assertThat(err.toString()).contains("error: FORBIDDEN: Only ADMIN may call /admin/import");
        assertThat(handles(prefix)).isZero();

        HttpResponse<String> forbidden = post(api.newCustomer(Role.SUPPORT), "jsonl:customers", customers);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).path("error").path("code").asText()).isEqualTo("FORBIDDEN");

        HttpResponse<String> anonymous = post(null, "jsonl:customers", customers);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(handles(prefix)).isZero();
    }

    @Test
    void anUnknownFormatIsBadUserInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.xml"), "<x/>");
        HttpResponse<String> response = post(api.newCustomer(Role.ADMIN), "xml:reports", file);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(json(response).path("error").path("message").asText()).contains("unknown format 'xml:reports'");
    }

    @Test
    void aNameThatIsNoFileNameIsBadUserInputBeforeAnythingIsWritten() throws Exception {
        Path file = Files.writeString(tmp.resolve("customers.jsonl"), "{\"handle\": \"import-name-" + System.nanoTime() + "\"}\n");
        String admin = api.newCustomer(Role.ADMIN);
        for (String name : new String[] {"..", ".", "a%00b.jsonl", "%2E%2E", "x".repeat(256), "dir%2F.."}) {
            HttpResponse<String> response = post(admin, "jsonl:customers", file, name);
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(json(response).path("error").path("code").asText()).isEqualTo("BAD_USER_INPUT");
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(post(admin, "jsonl:customers", file, "..%2Fcustomers.jsonl").statusCode()).as("the last segment is kept").isEqualTo(200);
    }

    @Test
    void aHandleTooLargeToIndexIsARejectedRecordNotAFailure() throws Exception {
        String prefix = "import-huge-" + System.nanoTime();
        Path customers = Files.writeString(tmp.resolve("customers.jsonl"),
                "{\"handle\": \"" + prefix + "h".repeat(100_000) + "\"}\n{\"handle\": \"" + prefix + "-ok\"}\n");
        HttpResponse<String> response = post(api.newCustomer(Role.ADMIN), "jsonl:customers", customers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200); // every record accounted for: one imported, one rejected
        assertThat(json(response).path("imported").asLong()).isEqualTo(1);
        assertThat(json(response).path("rejected").asLong()).isEqualTo(1);
        assertThat(Files.readString(Path.of(json(response).path("deadLetterFile").asText()))).contains("'handle' must be at most 200 characters");
        assertThat(handles(prefix)).isEqualTo(1);
    }

    private HttpResponse<String> post(String token, String format, Path file) throws Exception {
        return post(token, format, file, file.getFileName().toString());
    }

    private HttpResponse<String> post(String token, String format, Path file, String name) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/admin/import?format=" + format + "&name=" + name))
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    private static long handles(String prefix) {
        return SharedNeo4j.driver().executableQuery("MATCH (c:Customer) WHERE c.handle STARTS WITH $p RETURN count(c) AS n")
                .withParameters(Map.of("p", prefix)).execute().records().getFirst().get("n").asLong();
    }
}
