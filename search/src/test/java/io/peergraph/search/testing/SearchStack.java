package io.peergraph.search.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.searchable.GraphReportSearch;
import io.peergraph.graph.searchable.SearchableNodes;
import io.peergraph.search.cases.CaseFinder;
import io.peergraph.search.cases.ElasticCaseSearch;
import io.peergraph.search.cases.ElasticSimilarCases;
import io.peergraph.search.cases.GraphCaseSearch;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.BulkWriter;
import io.peergraph.search.sync.GraphDocuments;
import io.peergraph.search.sync.IndexVerifier;
import io.peergraph.search.sync.OutboxRelay;
import io.peergraph.search.sync.Reindexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;

/** The search side wired by hand on a cluster and the test graph, as the Spring configuration wires it. */
public final class SearchStack implements AutoCloseable {

    public final ElasticsearchClient client;
    public final OutboxFeed feed;
    public final GraphDocuments documents;
    public final IndexAdmin admin;
    public final BulkWriter writer;
    public final Reindexer reindexer;
    public final OutboxRelay relay;
    public final IndexVerifier verifier;
    public final CaseFinder finder;

    public SearchStack(URI uri, SearchCredentials credentials, String consumer, TestGraph graph) {
        client = SearchClientFactory.create(uri, credentials);
        feed = new OutboxFeed(graph.client);
        documents = new GraphDocuments(new SearchableNodes(graph.client));
        admin = new IndexAdmin(client);
        writer = new BulkWriter(client, documents);
        reindexer = new Reindexer(feed, documents, writer, admin);
        relay = new OutboxRelay(consumer, feed, writer, admin, reindexer, Clock.systemUTC());
        verifier = new IndexVerifier(client, documents, admin, relay);
        finder = new CaseFinder(new ElasticCaseSearch(client), new ElasticSimilarCases(client), new GraphCaseSearch(new GraphReportSearch(graph.client)));
    }

    /** Indexes everything committed so far and makes it searchable. */
    public void sync() {
        try {
            relay.drain();
            for (SearchIndex index : SearchIndex.values()) {
                admin.refresh(index);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
