package io.peergraph.api.cli;

import io.peergraph.api.config.DataDirectory;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}: opens the store of a stopped service directly (embedded Neo4j over Bolt, as the
 * service would). Neo4j locks the store, so this fails clearly while the service runs.
 */
class OfflineStore implements AutoCloseable {

    @Option(names = "--data-dir", defaultValue = "./data", description = "The stopped service's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    private EmbeddedNeo4j server;
    private GraphConnection graph;

    GraphConnection graph() {
        if (graph == null) {
            DataDirectory.secure(dataDir);
            try {
                server = EmbeddedNeo4j.start(dataDir.resolve("neo4j"), 0, 512L << 20);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot open the store in " + dataDir.resolve("neo4j")
                        + ": is the service running on it? Stop it first, or import through the service.", e);
            }
            graph = GraphConnection.migrated(server);
        }
        return graph;
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            server.close();
        }
    }
}
