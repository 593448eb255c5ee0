package io.peergraph.search.server;

import io.peergraph.search.cluster.SearchCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch server running as a child process on 127.0.0.1, for the CLI, the tests and the Spring
 * application alike.
 *
 * <p>{@link #start} returns once the cluster is yellow or green. A watchdog thread restarts the server when it
 * crashes, on the same ports, up to {@link ServerSettings#maxRestarts()} times per
 * {@link ServerSettings#RESTART_WINDOW}. {@link #close} stops it. Security is on: clients log in with
 * {@link #credentials()} (a password generated on first start, see {@link ServerPassword}).
 */
public final class ElasticsearchServer implements AutoCloseable {

    /** The system account (and group) the server runs under when root starts it: Elasticsearch refuses root. */
    public static final String SERVICE_ACCOUNT = ProcessOwner.ServiceUser.NAME;

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchServer.class);
    private static final Duration WATCHDOG_JOIN_TIMEOUT = Duration.ofSeconds(45);

    private final ServerSettings settings;
    private final ServerDirectories dirs;
    private final ElasticsearchDistribution distribution;
    private final ProcessOwner owner;
    private final int httpPort;
    private final int transportPort;
    private final SearchCredentials.Basic credentials;
    private final RestartBudget restartBudget;
    private final CompletableFuture<Void> firstStart = new CompletableFuture<>();
    private final Thread watchdog;

    private final Object lock = new Object();
    private ServerProcess current; // guarded by lock
    private boolean closing; // guarded by lock

    private ElasticsearchServer(ServerSettings settings) {
        this.settings = settings;
        this.dirs = ServerDirectories.under(settings.dataDir());
        this.distribution = dirs.prepare(settings.distribution());
        this.owner = ProcessOwner.forThisProcess();
        owner.takeOwnership(dirs.root());
        this.credentials = ServerPassword.ensure(settings, dirs, distribution, owner);
        this.httpPort = portOrFree(settings.httpPort(), "HTTP");
        this.transportPort = portOrFree(settings.transportPort(), "transport");
        this.restartBudget = new RestartBudget(settings.maxRestarts(), ServerSettings.RESTART_WINDOW);
        // The watchdog thread also launches every process: the child's parent-death signal is tied to the
        // launching thread, which must therefore live as long as the server is wanted.
        this.watchdog =
                Thread.ofPlatform().name("elasticsearch-watchdog").daemon().unstarted(this::supervise);
    }

    /**
     * Starts the server and waits until it is healthy; throws {@link ServerStartException} if it is not. With
     * automatic ports, another process can take a port between choosing it and Elasticsearch binding it: then it
     * tries again on other ports (twice at most).
     */
    public static ElasticsearchServer start(ServerSettings settings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(settings);
            } catch (ServerStartException e) {
                boolean portTaken = settings.httpPort() == 0 && String.valueOf(e.getMessage()).contains("Address already in use");
                if (!portTaken || attempt == 3) {
                    throw e;
                }
                log.warn("A chosen port was taken before Elasticsearch could bind it; trying other ports");
            }
        }
    }

    private static ElasticsearchServer startOnce(ServerSettings settings) {
        Instant began = Instant.now();
        ElasticsearchServer server = new ElasticsearchServer(settings);
        server.watchdog.start();
        try {
            server.firstStart.join();
        } catch (CompletionException e) {
            server.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        log.info(
                "Elasticsearch {} is up at {} (pid {}, data {}) after {} ms",
                server.distribution.version(),
                server.uri(),
                server.pid(),
                server.dirs.root(),
                Duration.between(began, Instant.now()).toMillis());
        return server;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** What a client presents to this server. */
    public SearchCredentials credentials() {
        return credentials;
    }

    /** The credentials of the managed server under {@code dataDir}, for a client of one started by another process. */
    public static SearchCredentials credentialsOf(Path dataDir) {
        return ServerPassword.of(dataDir);
    }

    public int httpPort() {
        return httpPort;
    }

    /** The server JVM's process id; it changes when the watchdog restarts the server, and is -1 meanwhile. */
    public long pid() {
        synchronized (lock) {
            return current.serverPid();
        }
    }

    /** How many times the watchdog has restarted a crashed server. */
    public int restarts() {
        return restartBudget.used();
    }

    /**
     * Whether the server is up: its process alive and seen healthy since it was launched (so {@link #pid} is known).
     * False while the watchdog restarts it, until the new process has answered healthy, and after {@link #close}.
     */
    public boolean isRunning() {
        synchronized (lock) {
            return !closing && current != null && current.isAlive() && current.serverPid() > 0;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and the watchdog. Idempotent. */
    @Override
    public void close() {
        ServerProcess last;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            last = current;
        }
        if (last != null) {
            last.stop();
        }
        try {
            watchdog.join(WATCHDOG_JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Elasticsearch at {} stopped", uri());
    }

    private void supervise() {
        try {
            launchAndAwaitHealth();
            firstStart.complete(null);
        } catch (RuntimeException e) {
            firstStart.completeExceptionally(e);
            return;
        }
        while (true) {
            ServerProcess crashed;
            int exitCode;
            try {
                synchronized (lock) {
                    crashed = current;
                }
                exitCode = crashed.waitForExit();
            } catch (InterruptedException e) {
                return;
            }
            if (isClosing()) {
                return;
            }
            if (!restartBudget.tryUse()) {
                log.error(
                        "Elasticsearch at {} exited with code {} after {} restarts within {} min; giving up.\n{}",
                        uri(),
                        exitCode,
                        settings.maxRestarts(),
                        ServerSettings.RESTART_WINDOW.toMinutes(),
                        crashed.failure("is down").getMessage());
                return;
            }
            log.warn(
                    "Elasticsearch at {} exited with code {}; restarting it (restart {} of at most {} within {} min)",
                    uri(),
                    exitCode,
                    restartBudget.used(),
                    settings.maxRestarts(),
                    ServerSettings.RESTART_WINDOW.toMinutes());
            try {
                launchAndAwaitHealth();
                log.info("Elasticsearch at {} is up again (pid {})", uri(), pid());
            } catch (RuntimeException e) {
                // The next loop turn sees the failed process exit and spends another restart on it.
                if (!isClosing()) {
                    log.error("Restarting Elasticsearch failed: {}", e.getMessage());
                }
            }
        }
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    private void launchAndAwaitHealth() {
        ServerProcess launched;
        synchronized (lock) {
            if (closing) {
                throw new ServerStartException("Elasticsearch at " + uri() + " is closing");
            }
            launched = ServerProcess.launch(settings, distribution, dirs, owner, httpPort, transportPort, credentials);
            current = launched;
        }
        launched.awaitHealthy(settings.startTimeout());
    }

    private static int portOrFree(int port, String purpose) {
        // A port in use would only show up as a bind error deep in Elasticsearch's log; fail fast instead.
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("The " + purpose + " port " + port + " on 127.0.0.1 is not free", e);
        }
    }
}
