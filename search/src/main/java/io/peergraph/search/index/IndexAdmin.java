package io.peergraph.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.peergraph.search.semantic.EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates physical indices and moves aliases between them. With an embedding model, the cases index also maps
 * {@code embedding} (a {@code dense_vector} of the model's dimension and similarity, HNSW-indexed) and
 * {@code embeddingKey} (what the vector was computed from), and its physical name carries the model's key
 * ({@code peergraph-cases-v3-bge-small-<time>}): an index of another model is not current, so the relay
 * rebuilds it behind the alias with no downtime, as after a mapping upgrade.
 */
public final class IndexAdmin {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** How often a merge task is asked whether it is done (a waiting get would end in the server's timeout error). */
    private static final java.time.Duration MERGE_POLL = java.time.Duration.ofMillis(500);

    private final ElasticsearchClient client;
    private final Clock clock;
    private final EmbeddingModel model;

    public IndexAdmin(ElasticsearchClient client) {
        this(client, EmbeddingModel.NONE);
    }

    public IndexAdmin(ElasticsearchClient client, EmbeddingModel model) {
        this(client, Clock.systemUTC(), model);
    }

    IndexAdmin(ElasticsearchClient client, Clock clock, EmbeddingModel model) {
        this.client = client;
        this.clock = clock;
        this.model = model;
    }

    /** The model whose vectors the cases index holds ({@link EmbeddingModel#NONE}: none). */
    public EmbeddingModel model() {
        return model;
    }

    /** Every physical index of the current mapping (and, for cases, model) starts with this and a dash. */
    public String physicalPrefix(SearchIndex index) {
        return index == SearchIndex.CASES && model.enabled() ? index.versionedPrefix() + "-" + model.key() : index.versionedPrefix();
    }

    public boolean aliasExists(SearchIndex index) throws IOException {
        return client.indices().existsAlias(a -> a.name(index.alias())).value();
    }

    /** The physical indices the alias points at (normally one). */
    public Set<String> aliasTargets(SearchIndex index) throws IOException {
        if (!aliasExists(index)) {
            return Set.of();
        }
        return client.indices().getAlias(a -> a.name(index.alias())).result().keySet();
    }

    /**
     * Whether the alias exists and points only at indices of the current mapping version (and model): the prefix,
     * a dash, then the time (a digit), so that {@code -v3-<time>} and {@code -v3-bge-small-<time>} differ.
     */
    public boolean holdsCurrentMapping(SearchIndex index) throws IOException {
        Set<String> targets = aliasTargets(index);
        String prefix = physicalPrefix(index) + "-";
        return !targets.isEmpty() && targets.stream().allMatch(t -> t.startsWith(prefix)
                && t.length() > prefix.length() && Character.isDigit(t.charAt(prefix.length())));
    }

    /** A new, empty physical index with the current mapping; not yet behind the alias. */
    public String createPhysical(SearchIndex index) throws IOException {
        String name = physicalPrefix(index) + "-" + SUFFIX.format(clock.instant());
        try (InputStream definition = index.definition()) {
            client.indices().create(c -> c.index(name).withJson(definition));
        }
        if (index == SearchIndex.CASES && model.enabled()) {
            client.indices().putMapping(m -> m.index(name)
                    .properties("embedding", p -> p.denseVector(v -> v.dims(model.dimension()).index(true)
                            .similarity(co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity.Cosine)
                            .indexOptions(o -> o.type(co.elastic.clients.elasticsearch._types.mapping.DenseVectorIndexOptionsType.Hnsw))))
                    .properties("embeddingKey", p -> p.keyword(k -> k.index(false).docValues(false))));
        }
        client.cluster().health(h -> h.index(name).waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Yellow));
        return name;
    }

    /** Points the alias at {@code target} only, in one atomic request; returns the indices it left. */
    public Set<String> pointAlias(SearchIndex index, String target) throws IOException {
        Set<String> previous = aliasTargets(index);
        List<Action> actions = new ArrayList<>();
        previous.stream().filter(p -> !p.equals(target))
                .forEach(p -> actions.add(Action.of(a -> a.remove(r -> r.index(p).alias(index.alias())))));
        actions.add(Action.of(a -> a.add(r -> r.index(target).alias(index.alias()).isWriteIndex(true))));
        client.indices().updateAliases(u -> u.actions(actions));
        return previous.stream().filter(p -> !p.equals(target)).collect(java.util.stream.Collectors.toSet());
    }

    public void delete(String physicalIndex) throws IOException {
        client.indices().delete(d -> d.index(physicalIndex).ignoreUnavailable(true));
    }

    /**
     * Merges a freshly filled physical index into one segment, before the alias points at it. A kNN search walks
     * one HNSW graph per segment, so a bulk-filled index of many segments pays for each of them on every question;
     * one segment answers with one graph (docs/benchmarks.md). The merge can outlast the client's socket timeout,
     * so it runs as a task and is polled.
     */
    public void compact(String physicalIndex) throws IOException {
        String task = client.indices().forcemerge(f -> f.index(physicalIndex).maxNumSegments(1L).waitForCompletion(false)).task();
        if (task == null) {
            return; // the server merged before answering
        }
        while (!client.tasks().get(g -> g.taskId(task)).completed()) {
            try {
                Thread.sleep(MERGE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while " + physicalIndex + " was being merged");
            }
        }
    }

    /** How many Lucene segments the physical index holds now (primaries). */
    public long segments(String physicalIndex) throws IOException {
        return client.indices().stats(s -> s.index(physicalIndex).metric("segments")).all().primaries().segments().count();
    }

    /** Makes everything indexed so far visible to search (tests and verify; the server does it every second). */
    public void refresh(SearchIndex index) throws IOException {
        client.indices().refresh(r -> r.index(index.alias()));
    }
}
