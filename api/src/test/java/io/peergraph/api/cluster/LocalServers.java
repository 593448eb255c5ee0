package io.peergraph.api.cluster;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.embedded.Neo4jServerMain;
import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ElasticsearchServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The servers as processes of this machine, without Docker: Neo4j Community (the version the service embeds) in a JVM
 * of its own ({@link Neo4jServerMain}: Bolt on 127.0.0.1, authentication on) and the managed Elasticsearch as a
 * process of its own ({@link ElasticsearchServerMain}: security on, user {@code elastic}). Each generates its password
 * into its folder on first start, as an operator's installation would have one.
 */
final class LocalServers implements ExternalServers {

    private static final Duration START_PATIENCE = Duration.ofMinutes(8);

    private final ChildProcess neo4j;
    private final ChildProcess elasticsearch;
    private final String boltUri;
    private final String neo4jPassword;
    private final String searchUri;
    private final SearchCredentials.Basic searchCredentials;

    private LocalServers(ChildProcess neo4j, ChildProcess elasticsearch, String boltUri, String neo4jPassword, String searchUri,
                         SearchCredentials.Basic searchCredentials) {
        this.neo4j = neo4j;
        this.elasticsearch = elasticsearch;
        this.boltUri = boltUri;
        this.neo4jPassword = neo4jPassword;
        this.searchUri = searchUri;
        this.searchCredentials = searchCredentials;
    }

    /** Starts both (at once: each takes a minute or more on a busy machine) under {@code dir}. */
    static LocalServers start(Path dir) throws InterruptedException, IOException {
        Path neo4jDir = dir.resolve("neo4j");
        Path searchDir = dir.resolve("elasticsearch");
        Files.createDirectories(searchDir);
        int boltPort = freePort();
        int httpPort = freePort();
        ChildProcess neo4j = ChildProcess.main("neo4j-server", dir.resolve("neo4j.out"), "768m", Neo4jServerMain.class.getName(),
                List.of("--data-dir", neo4jDir.toString(), "--bolt-port", Integer.toString(boltPort), "--page-cache", "128MB"), Map.of());
        ChildProcess elasticsearch = ChildProcess.main("elasticsearch", dir.resolve("elasticsearch.out"), "128m",
                ElasticsearchServerMain.class.getName(),
                List.of("run", "--data-dir", searchDir.toString(), "--port", Integer.toString(httpPort), "--heap", "384m",
                        "--start-timeout", Long.toString(START_PATIENCE.toSeconds())), Map.of());
        try {
            neo4j.await("ready", START_PATIENCE, () -> neo4j.output().contains(Neo4jServerMain.READY));
            elasticsearch.await("ready", START_PATIENCE, () -> elasticsearch.output().lines().anyMatch(l -> l.startsWith("http://")));
            String password = Files.readString(neo4jDir.resolve(EmbeddedNeo4j.PASSWORD_FILE)).strip();
            return new LocalServers(neo4j, elasticsearch, "bolt://127.0.0.1:" + boltPort, password, "http://127.0.0.1:" + httpPort,
                    (SearchCredentials.Basic) ElasticsearchServer.credentialsOf(searchDir));
        } catch (AssertionError | RuntimeException | IOException e) {
            neo4j.close();
            elasticsearch.close();
            throw e;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public String boltUri() { return boltUri; }

    @Override public String neo4jUsername() { return EmbeddedNeo4j.USERNAME; }

    @Override public String neo4jPassword() { return neo4jPassword; }

    @Override public String searchUri() { return searchUri; }

    @Override public String searchUsername() { return searchCredentials.username(); }

    @Override public String searchPassword() { return searchCredentials.password(); }

    @Override
    public void close() {
        elasticsearch.close();
        neo4j.close();
    }
}
