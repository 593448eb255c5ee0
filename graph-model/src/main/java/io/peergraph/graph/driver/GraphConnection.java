package io.peergraph.graph.driver;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.schema.SchemaMigrations;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;

/**
 * The graph as modules outside graph-model hold it: they pass it to graph-model operations ({@code new SkosLoader(graph)},
 * {@code ImportCheckpoints.position(graph, …)}) and never see the Driver inside (docs/architecture.md; the rule is
 * {@code LayersInsideModulesTest}). The service gets one from {@link io.peergraph.graph.GraphModelConfiguration}; a command line tool or a
 * test wraps its own Driver with {@link #over}.
 */
public final class GraphConnection implements AutoCloseable {

    /** Work done in one write transaction; the ingest engine's batches (it may hold the transaction handle). */
    @FunctionalInterface
    public interface WriteWork<T> {
        T run(TransactionContext tx);
    }

    private final Driver driver;

    private GraphConnection(Driver driver) {
        this.driver = driver;
    }

    public static GraphConnection over(Driver driver) {
        return new GraphConnection(driver);
    }

    /** A new connection to a server this process started (the command line's offline store), its schema migrated. */
    public static GraphConnection migrated(EmbeddedNeo4j server) {
        Driver driver = server.driver();
        SchemaMigrations.apply(driver);
        return new GraphConnection(driver);
    }

    /** For graph-model's operations only: outside graph-model, pass the connection on. */
    public Driver driver() {
        return driver;
    }

    /** Runs {@code work} in one write transaction (retried by the driver on transient failures) and returns its result. */
    public <T> T write(WriteWork<T> work) {
        try (Session session = driver.session()) {
            return session.executeWrite(work::run);
        }
    }

    /** Closes the Driver (and its connections). */
    @Override
    public void close() {
        driver.close();
    }
}
