package io.peergraph.search.sync;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares an index with the graph: document counts, and the content of a random sample of documents. */
public final class IndexVerifier {

    private final ElasticsearchClient client;
    private final GraphDocuments graph;
    private final IndexAdmin admin;
    private final OutboxRelay relay;

    public IndexVerifier(ElasticsearchClient client, GraphDocuments graph, IndexAdmin admin, OutboxRelay relay) {
        this.client = client;
        this.graph = graph;
        this.admin = admin;
        this.relay = relay;
    }

    public Drift verify(SearchIndex index, int sampleSize) throws IOException {
        admin.refresh(index);
        long graphCount = graph.count(index);
        long indexCount = client.count(c -> c.index(index.alias())).count();
        List<String> ids = graph.sample(index, sampleSize);
        if (ids.isEmpty()) { // an empty graph (or sample 0): a multi-get of nothing is an error to the server
            return new Drift(index.alias(), graphCount, indexCount, 0, List.of(), List.of(), relay.backlog());
        }
        Map<String, Object> expected = graph.load(index, ids);
        Class<?> type = expected.values().stream().findFirst().<Class<?>>map(Object::getClass).orElse(Object.class);
        MgetResponse<?> actual = client.mget(m -> m.index(index.alias()).ids(ids), type);
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (MultiGetResponseItem<?> item : actual.docs()) {
            String id = item.isResult() ? item.result().id() : item.failure().id();
            if (!item.isResult() || !item.result().found()) {
                missing.add(id);
            } else if (!item.result().source().equals(expected.get(id))) {
                stale.add(id);
            }
        }
        return new Drift(index.alias(), graphCount, indexCount, ids.size(), missing, stale, relay.backlog());
    }
}
