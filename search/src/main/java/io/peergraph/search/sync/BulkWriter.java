package io.peergraph.search.sync;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.semantic.EmbeddingQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the current graph state of documents with external versions. The version is the outbox sequence
 * number the state is at least as new as, so Elasticsearch itself rejects an older write that arrives late
 * (409, which is success here: something newer is already there). Things gone from the graph are deleted with
 * the same rule.
 * <p>
 * With an {@link EmbeddingQueue}, a case whose text the live index already holds embedded by the same model
 * (same {@code embeddingKey}) is written with that vector; any other case is written without one and queued to
 * be embedded off this thread.
 */
public final class BulkWriter {

    private final ElasticsearchClient client;
    private final GraphDocuments graph;
    private final EmbeddingQueue embeddings;

    public BulkWriter(ElasticsearchClient client, GraphDocuments graph) {
        this(client, graph, null);
    }

    /** {@code embeddings}: where cases go to be embedded, or {@code null} without a semantic signal. */
    public BulkWriter(ElasticsearchClient client, GraphDocuments graph, EmbeddingQueue embeddings) {
        this.client = client;
        this.graph = graph;
        this.embeddings = embeddings;
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
        List<EmbeddingQueue.Job> toEmbed = new ArrayList<>();
        if (embeddings != null && index == SearchIndex.CASES) {
            docs = withEmbeddings(index, target, versions, docs, toEmbed);
        }
        Map<String, Object> sources = docs;
        List<BulkOperation> ops = new ArrayList<>(versions.size());
        versions.forEach((id, version) -> {
            Object doc = sources.get(id);
            ops.add(doc == null
                    ? BulkOperation.of(b -> b.delete(d -> d.index(target).id(id).version(version).versionType(VersionType.External)))
                    : BulkOperation.of(b -> b.index(i -> i.index(target).id(id).version(version).versionType(VersionType.External).document(doc))));
        });
        boolean alias = target.equals(index.alias());
        BulkResponse response = client.bulk(b -> b.operations(ops).requireAlias(alias));
        int accepted = 0;
        Map<String, EmbeddingQueue.Job> jobs = new HashMap<>();
        toEmbed.forEach(j -> jobs.put(j.document().id(), j));
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                accepted++;
                EmbeddingQueue.Job job = jobs.get(item.id());
                if (job != null) {
                    embeddings.submit(job); // when the queue is full, the backfill finds the case later
                }
            } else if (item.status() != 409 && !(item.status() == 404 && item.operationType().jsonValue().equals("delete"))) {
                throw new IndexingFailedException("Indexing " + item.id() + " into " + target + " failed: "
                        + item.error().type() + " " + item.error().reason());
            }
        }
        return accepted;
    }

    /**
     * The documents to write, each case with the vector the live index holds for the same text and model, if
     * any; the others are added to {@code toEmbed}. One multi-get per batch, of the vectors and keys only.
     */
    private Map<String, Object> withEmbeddings(SearchIndex index, String target, Map<String, Long> versions,
                                               Map<String, Object> docs, List<EmbeddingQueue.Job> toEmbed) throws IOException {
        CaseEmbedder embedder = embeddings.embedder();
        List<String> ids = docs.keySet().stream().toList();
        if (ids.isEmpty()) {
            return docs;
        }
        Map<String, JsonNode> held = new HashMap<>();
        try {
            // The live index (the alias), also during a rebuild: a new mapping keeps the vectors of the same model.
            MgetResponse<JsonNode> current = client.mget(m -> m.index(index.alias()).ids(ids)
                    .sourceIncludes("embedding", "embeddingKey"), JsonNode.class);
            current.docs().stream().filter(d -> d.isResult() && d.result().found() && d.result().source() != null)
                    .forEach(d -> held.put(d.result().id(), d.result().source()));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) { // no alias yet (a first build): nothing to keep
                throw e;
            }
        }
        Map<String, Object> out = new HashMap<>(docs);
        for (String id : ids) {
            CaseDocument doc = (CaseDocument) docs.get(id);
            String input = embedder.input(doc.title(), doc.text());
            String key = EmbeddedCase.key(embedder.model(), input);
            JsonNode old = held.get(id);
            if (old != null && old.has("embedding") && key.equals(old.path("embeddingKey").asText(null))) {
                JsonNode values = old.get("embedding");
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) values.get(i).asDouble();
                }
                out.put(id, new EmbeddedCase(doc, vector, key));
            } else if (!input.isBlank()) {
                toEmbed.add(new EmbeddingQueue.Job(target, versions.get(id), doc, input, key));
            }
        }
        return out;
    }

    /** A bulk item the server refused for a reason other than a newer version being there. */
    public static final class IndexingFailedException extends IOException {
        public IndexingFailedException(String message) {
            super(message);
        }
    }
}
