package io.peergraph.search.sync;

import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox events to Elasticsearch: reads the events after its cursor in order, indexes the current graph
 * state of every document they touch (versioned by sequence number) and only then moves the cursor. A failure
 * leaves the cursor where it was, so the same events are tried again after a backoff: Elasticsearch being down
 * delays search, never a write, and nothing is lost. Sending an event twice is harmless (external versions).
 *
 * <p>Several service instances may each run a relay; they then do the same work twice, never wrong work.
 */
public final class OutboxRelay {

    /** The cursor the service's relay keeps in the outbox. */
    public static final String CONSUMER = "search-indexer";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final int PRUNE_LIMIT = 10_000;

    private final String consumer;
    private final OutboxFeed feed;
    private final BulkWriter writer;
    private final IndexAdmin admin;
    private final Reindexer reindexer;
    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private volatile boolean prepared;
    private volatile RelayStatus status = new RelayStatus(false, null, "not started", 0);

    /** {@code consumer} names this relay's cursor: {@link #CONSUMER}, or another for a second cluster. */
    public OutboxRelay(String consumer, OutboxFeed feed, BulkWriter writer, IndexAdmin admin, Reindexer reindexer, Clock clock) {
        this.consumer = consumer;
        this.feed = feed;
        this.writer = writer;
        this.admin = admin;
        this.reindexer = reindexer;
        this.clock = clock;
    }

    /**
     * One scheduled turn: drains the backlog unless a recent failure asks to wait. Never throws; the outcome is
     * in {@link #status()}.
     */
    public synchronized void tick() {
        if (!backoff.due(clock.instant())) {
            return;
        }
        try {
            drain();
            backoff.succeeded();
            status = new RelayStatus(true, clock.instant(), null, 0);
        } catch (IOException | RuntimeException e) {
            backoff.failed(clock.instant());
            status = new RelayStatus(false, status.lastSuccess(), e.toString(), backoff.failures());
            if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
                log.warn("Search indexing failed ({} in a row), retrying with backoff: {}", backoff.failures(), e.toString());
            }
        }
    }

    /** Indexes every event committed so far; returns how many events it handled. Throws when Elasticsearch fails. */
    public synchronized int drain() throws IOException {
        prepare();
        int handled = 0;
        long cursor = feed.cursor(consumer).orElseThrow();
        while (true) {
            List<OutboxEvent> events = feed.after(cursor, BATCH);
            if (events.isEmpty()) {
                break;
            }
            for (Map.Entry<SearchIndex, Map<String, Long>> batch : versionsByIndex(events).entrySet()) {
                writer.write(batch.getKey(), batch.getKey().alias(), batch.getValue());
            }
            cursor = events.getLast().seq();
            feed.advance(consumer, cursor);
            handled += events.size();
        }
        if (handled > 0) {
            feed.prune(PRUNE_LIMIT);
        }
        return handled;
    }

    public RelayStatus status() {
        return status;
    }

    /** Events committed but not yet indexed. */
    public long backlog() {
        return feed.backlog(consumer);
    }

    /**
     * On the first run (no cursor yet) the cursor starts at the newest event and every index is built from the
     * graph; later, any index whose alias is missing (a wiped cluster) or points at an older mapping version (an
     * upgrade) is rebuilt, with no downtime: the old index answers until the alias swaps.
     */
    private void prepare() throws IOException {
        if (prepared) {
            return;
        }
        boolean firstRun = feed.cursor(consumer).isEmpty();
        if (firstRun) {
            feed.register(consumer, feed.latestSeq());
        }
        for (SearchIndex index : SearchIndex.values()) {
            if (firstRun || !admin.holdsCurrentMapping(index)) {
                reindexer.rebuild(index);
            }
        }
        prepared = true;
    }

    /** The newest sequence number per document, per index: one write per document per batch, order kept by version. */
    static Map<SearchIndex, Map<String, Long>> versionsByIndex(List<OutboxEvent> events) {
        Map<SearchIndex, Map<String, Long>> out = new EnumMap<>(SearchIndex.class);
        for (OutboxEvent event : events) {
            DocumentRef.of(event).ifPresent(ref ->
                    out.computeIfAbsent(ref.index(), i -> new LinkedHashMap<>()).merge(ref.id(), event.seq(), Math::max));
        }
        return out;
    }
}
