package io.peergraph.graph.embedded;

import io.peergraph.graph.driver.DriverConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j Community running inside this JVM, persistent under a directory, reachable only over Bolt on
 * loopback. Everything else in Peergraph talks to it through the Neo4j Java Driver exactly as it would
 * to a remote server or cluster, so switching to one is a matter of configuration.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService dbms;
    private final int boltPort;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort) {
        this.dbms = dbms;
        this.boltPort = boltPort;
    }

    /**
     * Starts the DBMS. {@code boltPort} 0 picks a free port. The page cache is sized explicitly because
     * Neo4j's heuristic claims a large share of RAM on a big machine.
     */
    public static EmbeddedNeo4j start(Path storeDir, int boltPort, long pageCacheBytes) {
        int port = boltPort == 0 ? freePort() : boltPort;
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(storeDir.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Both would otherwise reach out of the machine: UDP discovery broadcast and usage data.
                .setConfig(BoltConnector.enable_discovery, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Without these Bolt's Netty waits ~10 s on shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the store cannot open
        log.info("Embedded Neo4j ready at bolt://127.0.0.1:{} (store {}, page cache {} MiB) in {} ms",
                port, storeDir, pageCacheBytes >> 20, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedNeo4j(dbms, port);
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    /** A new driver to this server with Peergraph's driver settings ({@link DriverConfig}); the caller closes it. */
    public Driver driver() {
        return GraphDatabase.driver(boltUri(), AuthTokens.none(), DriverConfig.defaults());
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for Bolt", e);
        }
    }
}
