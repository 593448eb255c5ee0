package io.peergraph.graph.testing;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.facet.DeclaredKinds;
import io.peergraph.graph.schema.SchemaMigrations;
import java.nio.file.Path;
import org.neo4j.driver.Driver;

/**
 * One embedded Neo4j per test JVM, reached over Bolt like production. Started on first use and shut down
 * when the JVM exits, so every test class of a module shares it. Tests isolate themselves by creating
 * their own data (fresh ids), or by calling {@link #wipe()} when they need an empty store.
 */
public final class SharedNeo4j {

    private static EmbeddedNeo4j server;
    private static Driver driver;

    private SharedNeo4j() {}

    public static synchronized String boltUri() {
        start();
        return server.boltUri();
    }

    /** The password of {@link EmbeddedNeo4j#USERNAME}: Bolt asks for one, as in production. */
    public static synchronized String password() {
        start();
        return server.password();
    }

    public static synchronized Driver driver() {
        start();
        return driver;
    }

    /** Deletes all data but keeps the schema. */
    public static void wipe() {
        try (var session = driver().session()) {
            session.run("MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
        DeclaredKinds.written(); // the item kinds went too
    }

    private static void start() {
        if (server != null) {
            return;
        }
        Path dir = ScratchDirs.create("peergraph-test-neo4j-");
        server = EmbeddedNeo4j.start(dir, 0, 256L << 20);
        driver = server.driver();
        SchemaMigrations.apply(driver);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            driver.close();
            server.close();
        }, "shared-neo4j-shutdown"));
    }
}
