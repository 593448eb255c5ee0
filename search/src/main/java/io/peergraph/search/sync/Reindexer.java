package io.peergraph.search.sync;

import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an index from the graph with no downtime and no lost writes:
 * <ol>
 * <li>note the newest outbox number S and hold the outbox from S (a cursor of its own, so pruning waits);
 * <li>fill a fresh physical index with every document, versioned S (the state read is at least that new);
 * <li>replay the events after S into it, versioned by their numbers (newer state wins over the bulk load);
 * <li>merge it into one segment (kNN walks one HNSW graph per segment; {@link IndexAdmin#compact});
 * <li>swap the alias to it atomically; searches never see an empty index;
 * <li>replay once more: events the live relay sent to the old index just before the swap reach the new one too.
 * </ol>
 * From the swap on the live relay writes to the new index through the alias.
 */
public final class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    private static final int PAGE = 1000;

    private final OutboxFeed feed;
    private final GraphDocuments graph;
    private final BulkWriter writer;
    private final IndexAdmin admin;

    public Reindexer(OutboxFeed feed, GraphDocuments graph, BulkWriter writer, IndexAdmin admin) {
        this.feed = feed;
        this.graph = graph;
        this.writer = writer;
        this.admin = admin;
    }

    public ReindexResult rebuild(SearchIndex index) throws IOException {
        Instant began = Instant.now();
        String holder = "search-reindex-" + index.alias();
        feed.unregister(holder); // left over from a rebuild that died half-way
        long start = feed.latestSeq();
        feed.register(holder, start);
        try {
            String target = admin.createPhysical(index);
            long documents = 0;
            String after = null;
            while (true) {
                List<String> ids = graph.ids(index, after, PAGE);
                if (ids.isEmpty()) {
                    break;
                }
                Map<String, Long> versions = new LinkedHashMap<>();
                ids.forEach(id -> versions.put(id, start));
                documents += writer.write(index, target, versions);
                after = ids.getLast();
            }
            Replay replay = replay(index, target, holder, new Replay(start, 0));
            admin.compact(target);
            Set<String> previous = admin.pointAlias(index, target);
            replay = replay(index, target, holder, replay);
            for (String old : previous) {
                admin.delete(old);
            }
            ReindexResult result = new ReindexResult(index.alias(), target, documents, replay.events(), Duration.between(began, Instant.now()));
            log.info("Rebuilt {} as {}: {} documents, {} events replayed, {} ms", index.alias(), target, documents,
                    replay.events(), result.took().toMillis());
            return result;
        } finally {
            feed.unregister(holder);
        }
    }

    private record Replay(long upTo, long events) {}

    private Replay replay(SearchIndex index, String target, String holder, Replay from) throws IOException {
        long upTo = from.upTo();
        long events = from.events();
        while (true) {
            List<OutboxEvent> batch = feed.after(upTo, PAGE);
            if (batch.isEmpty()) {
                return new Replay(upTo, events);
            }
            Map<String, Long> versions = OutboxRelay.versionsByIndex(batch).getOrDefault(index, Map.of());
            writer.write(index, target, versions);
            upTo = batch.getLast().seq();
            events += batch.size();
            feed.advance(holder, upTo);
        }
    }
}
