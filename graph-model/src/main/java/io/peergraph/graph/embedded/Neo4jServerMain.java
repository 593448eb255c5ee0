package io.peergraph.graph.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.util.unit.DataSize;

/**
 * A standalone Neo4j server: the same Neo4j Community as the service embeds, in a JVM of its own, persistent under
 * a folder, with Bolt on 127.0.0.1 and authentication on (user {@value EmbeddedNeo4j#USERNAME}, password generated
 * on first start into {@code DIR/}{@value EmbeddedNeo4j#PASSWORD_FILE}). For several Peergraph instances sharing one
 * graph on a machine without Docker or a Neo4j installation (bench/run-two-instances.sh, the two-instances tests):
 *
 * <pre>
 * java … io.peergraph.graph.embedded.Neo4jServerMain --data-dir DIR [--bolt-port 7687] [--page-cache 256MB]
 * </pre>
 *
 * Prints {@code Neo4j ready at bolt://127.0.0.1:PORT} once Bolt accepts logins, then runs until SIGTERM (or SIGINT),
 * which shuts the database down cleanly. A SIGKILL leaves a store that Neo4j recovers on the next start.
 */
public final class Neo4jServerMain {

    /** The line printed once the server accepts logins, followed by the Bolt URI. */
    public static final String READY = "Neo4j ready at ";

    private static final String USAGE = """
            Usage: Neo4jServerMain --data-dir DIR [--bolt-port PORT] [--page-cache SIZE]
              --data-dir   the store folder (created; the Bolt password is generated into DIR/bolt-password)
              --bolt-port  Bolt port on 127.0.0.1 (default 7687; 0 picks a free one)
              --page-cache Neo4j's page cache, e.g. 256MB (default 512MB)
            """;

    private Neo4jServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        EmbeddedNeo4j server = EmbeddedNeo4j.start(options.dataDir(), options.boltPort(), options.pageCache().toBytes());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "neo4j-server-shutdown"));
        System.out.println(READY + server.boltUri());
        System.out.flush();
        stopped.await(); // until SIGTERM runs the shutdown hook
    }

    private record Options(Path dataDir, int boltPort, DataSize pageCache) {

        /** The options, or null when help was asked for. */
        static Options parse(String[] args) {
            if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
                return null;
            }
            Path dataDir = null;
            int port = 7687;
            DataSize pageCache = DataSize.ofMegabytes(512);
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
                    case "--bolt-port" -> port = port(value);
                    case "--page-cache" -> pageCache = DataSize.parse(value);
                    default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            return new Options(dataDir, port, pageCache);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a port: " + value);
            }
        }
    }
}
