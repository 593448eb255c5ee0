package io.peergraph.api.search;

import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Elasticsearch is: an external cluster, or a managed server this service starts. The managed server
 * starts in the background (about 12 s) so the service is ready meanwhile: until it answers, the relay keeps
 * the outbox backlog and searches answer from the graph.
 */
final class SearchBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchBackend.class);

    private final URI uri;
    private final SearchCredentials credentials;
    private final CompletableFuture<ElasticsearchServer> managed;

    private SearchBackend(URI uri, SearchCredentials credentials, CompletableFuture<ElasticsearchServer> managed) {
        this.uri = uri;
        this.credentials = credentials;
        this.managed = managed;
    }

    static SearchBackend external(SearchProperties properties) {
        SearchCredentials credentials = properties.apiKey() != null && !properties.apiKey().isBlank()
                ? new SearchCredentials.ApiKey(properties.apiKey())
                : properties.username() != null && !properties.username().isBlank()
                ? new SearchCredentials.Basic(properties.username(), properties.password())
                : SearchCredentials.none();
        return new SearchBackend(URI.create(properties.uri()), credentials, null);
    }

    /** How long one start may take before it is abandoned, and how often it is tried. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    static final int START_ATTEMPTS = 3;

    static SearchBackend managed(Path dataDir, String heap, int maxRestarts) {
        int port = freePort();
        ServerSettings settings = ServerSettings.defaults(dataDir.toAbsolutePath()).withHeap(heap).withHttpPort(port)
                .withStartTimeout(START_TIMEOUT).withMaxRestarts(maxRestarts);
        CompletableFuture<ElasticsearchServer> server = CompletableFuture.supplyAsync(() -> startPatiently(settings),
                runnable -> Thread.ofPlatform().name("elasticsearch-start").daemon().start(runnable));
        server.exceptionally(e -> {
            log.error("The managed Elasticsearch did not start; search answers from the graph: {}", e.getMessage());
            return null;
        });
        return new SearchBackend(URI.create("http://127.0.0.1:" + port), ElasticsearchServer.credentialsOf(dataDir), server);
    }

    /**
     * A busy machine can take minutes to start Elasticsearch (two were seen at a load average of 25); giving up after
     * one slow start would leave search degraded until the service restarts, so a failed start is tried again.
     */
    private static ElasticsearchServer startPatiently(ServerSettings settings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ElasticsearchServer.start(settings);
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                log.warn("The managed Elasticsearch did not start (attempt {} of {}), trying again: {}", attempt, START_ATTEMPTS, e.getMessage());
            }
        }
    }

    URI uri() {
        return uri;
    }

    SearchCredentials credentials() {
        return credentials;
    }

    boolean isManaged() {
        return managed != null;
    }

    /** The managed server's start failed for good (every attempt): search stays in its degraded mode until a restart. */
    boolean startFailed() {
        return managed != null && managed.isCompletedExceptionally();
    }

    @Override
    public void close() {
        if (managed != null) {
            managed.thenAccept(ElasticsearchServer::close).exceptionally(e -> null).join();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for Elasticsearch", e);
        }
    }
}
