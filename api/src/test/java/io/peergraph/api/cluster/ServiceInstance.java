package io.peergraph.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Peergraph instance as a process ({@code java -jar peergraph.jar run}), pointed at the shared servers through
 * the environment (PEERGRAPH_NEO4J_URI …, as a container platform would set them), with a data folder of its own.
 */
final class ServiceInstance implements AutoCloseable {

    static final Duration START_PATIENCE = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String name;
    final Path dataDir;
    final int port;
    private ChildProcess process;

    private ServiceInstance(String name, Path dataDir, int port) {
        this.name = name;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the instance; {@link #awaitReady()} waits for it. {@code overrides} replace environment entries. */
    static ServiceInstance start(String name, Path dataDir, ExternalServers servers, Map<String, String> overrides) {
        ServiceInstance instance = new ServiceInstance(name, dataDir, LocalServers.freePort());
        instance.launch(servers, overrides);
        return instance;
    }

    private void launch(ExternalServers servers, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(environment(servers));
        env.putAll(overrides);
        process = ChildProcess.jar(name, dataDir.resolveSibling(name + ".out"), "768m",
                List.of("run", "--data-dir", dataDir.toString(), "--port", Integer.toString(port), "--no-demo"), env);
    }

    static Map<String, String> environment(ExternalServers servers) {
        return Map.of(
                "PEERGRAPH_NEO4J_URI", servers.boltUri(),
                "PEERGRAPH_NEO4J_USERNAME", servers.neo4jUsername(),
                "PEERGRAPH_NEO4J_PASSWORD", servers.neo4jPassword(),
                "PEERGRAPH_SEARCH_URI", servers.searchUri(),
                "PEERGRAPH_SEARCH_USERNAME", servers.searchUsername(),
                "PEERGRAPH_SEARCH_PASSWORD", servers.searchPassword());
    }

    /** Starts it again on the same data folder and port (after {@link #kill()}). */
    void restart(ExternalServers servers) {
        launch(servers, Map.of());
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    void awaitReady() throws InterruptedException {
        process.await("ready", START_PATIENCE, () -> status("/actuator/health/readiness") == 200);
    }

    ChildProcess process() {
        return process;
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI webSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/graphql");
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Posts a GraphQL request and returns the whole response body; throws IOException when the instance is gone. */
    JsonNode post(String token, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/graphql"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The data of a request that must succeed. */
    JsonNode data(String token, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        JsonNode body = post(token, query, variables);
        assertThat(body.path("errors").isMissingNode() || body.path("errors").isEmpty()).as("%s answered %s", name, body).isTrue();
        return body.path("data");
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
