package io.peergraph.graph.embedded;

import io.peergraph.graph.driver.DriverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j Community running inside this JVM, persistent under a directory, reachable only over Bolt on
 * loopback. Everything else in Peergraph talks to it through the Neo4j Java Driver exactly as it would
 * to a remote server or cluster, so switching to one is a matter of configuration.
 *
 * <p>Bolt asks for a password even on loopback: any local account can reach a loopback port, and without
 * authentication it would read the whole graph. The password is generated on first start and kept owner-only in
 * {@value #PASSWORD_FILE} inside the store folder and set through the embedded API (which needs no login) when it
 * is new or the account still has Neo4j's initial one (a store from before authentication).
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    /** The file, in the store folder, that holds the generated Bolt password (mode 0600). */
    public static final String PASSWORD_FILE = "bolt-password";
    /** Neo4j's built-in administrator, the one account of a Community server. */
    public static final String USERNAME = "neo4j";

    private final DatabaseManagementService dbms;
    private final int boltPort;
    private final String password;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort, String password) {
        this.dbms = dbms;
        this.boltPort = boltPort;
        this.password = password;
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
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Without these Bolt's Netty waits ~10 s on shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the store cannot open
        String password = setPassword(dbms, storeDir);
        log.info("Embedded Neo4j ready at bolt://127.0.0.1:{} (store {}, page cache {} MiB) in {} ms",
                port, storeDir, pageCacheBytes >> 20, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedNeo4j(dbms, port, password);
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    /** The generated password of {@link #USERNAME}, for a driver configured elsewhere (e.g. a service's properties). */
    public String password() {
        return password;
    }

    /** What a driver presents to this server. */
    public AuthToken authToken() {
        return AuthTokens.basic(USERNAME, password);
    }

    /** A new driver to this server with Peergraph's driver settings ({@link DriverConfig}); the caller closes it. */
    public Driver driver() {
        return GraphDatabase.driver(boltUri(), authToken(), DriverConfig.defaults());
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    private static String setPassword(DatabaseManagementService dbms, Path storeDir) {
        Path file = storeDir.toAbsolutePath().resolve(PASSWORD_FILE);
        boolean generated = !Files.exists(file);
        String password = passwordOf(file);
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        boolean initial = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user RETURN passwordChangeRequired",
                Map.of("user", USERNAME),
                result -> result.hasNext() && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
        if (generated || initial) {
            system.executeTransactionally("ALTER USER " + USERNAME + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
        return password;
    }

    /** Reads the store's Bolt password, generating it (owner-only, created in one step) on first start. */
    private static String passwordOf(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[24];
                new SecureRandom().nextBytes(secret);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))), generated, StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException anotherStartWroteIt) {
                    // fall through and read what is there
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the Bolt password " + file, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for Bolt", e);
        }
    }
}
