package io.peergraph.search.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.graph.testing.ScratchDirs;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ServerSettings;
import java.net.URI;
import java.nio.file.Path;

/**
 * The one Elasticsearch a test run shares.
 *
 * <p>With {@code -Dpeergraph.test.search.uri=http://...} the tests use that server: one started by
 * {@code ElasticsearchServerMain start} for the whole build, shared across modules. Tests expect the managed
 * distribution there, not a production cluster with more modules. Otherwise the first call starts a
 * managed server for this JVM in a temp directory; a shutdown hook stops it and deletes the directory.
 */
public final class SharedElasticsearch {

    public static final String URI_PROPERTY = "peergraph.test.search.uri";

    private static URI uri;
    private static SearchCredentials credentials = SearchCredentials.none();
    private static RuntimeException startFailure;

    private SharedElasticsearch() {}

    public static synchronized URI uri() {
        if (startFailure != null) {
            // Every later test fails with the real cause instead of waiting for another doomed start.
            throw startFailure;
        }
        if (uri == null) {
            String configured = System.getProperty(URI_PROPERTY, "");
            try {
                uri = configured.isBlank() ? startForThisJvm() : URI.create(configured);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return uri;
    }

    /** What a client presents to {@link #uri()}: the managed server's login, or none for a configured one. */
    public static synchronized SearchCredentials credentials() {
        uri();
        return credentials;
    }

    /** A new client of the shared server; the caller closes it. */
    public static ElasticsearchClient client() {
        return SearchClientFactory.create(uri(), credentials());
    }

    private static URI startForThisJvm() {
        Path dataDir = ScratchDirs.create("peergraph-test-es-");
        ElasticsearchServer server = ElasticsearchServer.start(ServerSettings.defaults(dataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, dataDir), "shared-elasticsearch-shutdown"));
        credentials = server.credentials();
        return server.uri();
    }

    private static void stop(ElasticsearchServer server, Path dataDir) {
        server.close();
        ScratchDirs.delete(dataDir);
    }
}
