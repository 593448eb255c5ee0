package io.peergraph.search.sync;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.peergraph.search.index.SearchIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the current graph state of documents with external versions. The version is the outbox sequence
 * number the state is at least as new as, so Elasticsearch itself rejects an older write that arrives late
 * (409, which is success here: something newer is already there). Things gone from the graph are deleted with
 * the same rule.
 */
public final class BulkWriter {

    private final ElasticsearchClient client;
    private final GraphDocuments graph;

    public BulkWriter(ElasticsearchClient client, GraphDocuments graph) {
        this.client = client;
        this.graph = graph;
    }

    /**
     * Indexes the documents into {@code target} (an alias or a physical index), each at its version; returns how
     * many the server accepted. Writing to an alias requires that it exists, so a missing alias fails instead of
     * auto-creating an index without our mapping.
     */
    public int write(SearchIndex index, String target, Map<String, Long> versions) throws IOException {
        if (versions.isEmpty()) {
            return 0;
        }
        Map<String, Object> docs = graph.load(index, versions.keySet());
        List<BulkOperation> ops = new ArrayList<>(versions.size());
        versions.forEach((id, version) -> {
            Object doc = docs.get(id);
            ops.add(doc == null
                    ? BulkOperation.of(b -> b.delete(d -> d.index(target).id(id).version(version).versionType(VersionType.External)))
                    : BulkOperation.of(b -> b.index(i -> i.index(target).id(id).version(version).versionType(VersionType.External).document(doc))));
        });
        boolean alias = target.equals(index.alias());
        BulkResponse response = client.bulk(b -> b.operations(ops).requireAlias(alias));
        int accepted = 0;
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                accepted++;
            } else if (item.status() != 409 && !(item.status() == 404 && item.operationType().jsonValue().equals("delete"))) {
                throw new IndexingFailedException("Indexing " + item.id() + " into " + target + " failed: "
                        + item.error().type() + " " + item.error().reason());
            }
        }
        return accepted;
    }

    /** A bulk item the server refused for a reason other than a newer version being there. */
    public static final class IndexingFailedException extends IOException {
        public IndexingFailedException(String message) {
            super(message);
        }
    }
}
