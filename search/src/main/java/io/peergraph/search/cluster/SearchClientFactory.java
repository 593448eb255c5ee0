package io.peergraph.search.cluster;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds {@link ElasticsearchClient}s for a cluster URI, the managed local server or a production cluster alike.
 *
 * <p>Close the client when done: that closes its HTTP connections and I/O threads. Those threads are daemons,
 * so a forgotten client cannot keep a finished {@code main} from exiting.
 */
public final class SearchClientFactory {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private SearchClientFactory() {}

    public static ElasticsearchClient create(URI uri) {
        return create(uri, SearchCredentials.none());
    }

    public static ElasticsearchClient create(URI uri, SearchCredentials credentials) {
        Header[] headers = credentials
                .authorization()
                .map(value -> new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, value)})
                .orElseGet(() -> new Header[0]);
        ThreadFactory daemons = daemonThreads("peergraph-search-client-" + CLIENTS.incrementAndGet() + "-");
        RestClientBuilder builder = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
                .setDefaultHeaders(headers)
                .setHttpClientConfigCallback(http -> http.setThreadFactory(daemons));
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            builder.setPathPrefix(uri.getPath()); // a cluster behind a proxy, e.g. https://host/elasticsearch
        }
        RestClient restClient = builder.build();
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> Thread.ofPlatform()
                .name(prefix + count.incrementAndGet())
                .daemon()
                .unstarted(runnable);
    }
}
