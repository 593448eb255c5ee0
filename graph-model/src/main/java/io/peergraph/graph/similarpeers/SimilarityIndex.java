package io.peergraph.graph.similarpeers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A compact in-memory copy of who includes what: per configuration its owner, whether it may appear in peer
 * listings, and its items as small ints; per item the posting list of the configurations that include it.
 * About 40 bytes per configuration plus its ids, so 1M configurations fit in ~150 MB; walking a posting list
 * of 50,000 configurations and scoring each costs about a millisecond, where the same walk through Cypher
 * costs hundreds (one row per {@code INCLUDES}, one lookup per item of each).
 *
 * <p>Kept in sync with the graph by tailing the transactional outbox: {@code ConfigurationStore} records a
 * {@code ConfigurationChanged} event in the transaction of every change to a configuration's items, privacy
 * or listing, and {@link #catchUp()} (run before each question, one round trip when nothing changed) reloads
 * those configurations in the same read as the events, so a question sees every change committed before it
 * started, whichever instance wrote it. Writers that bypass the stores (imports) are caught when the count
 * store's configuration and {@code INCLUDES} totals change by other than what the events explain; pruned events (the outbox keeps them at least
 * {@code OutboxFeed.RETENTION}) by a gap in the sequence. Either way the index is rebuilt from the graph.
 */
public final class SimilarityIndex {

    private static final Logger log = LoggerFactory.getLogger(SimilarityIndex.class);

    /** More events than this behind: rebuilding is cheaper than replaying. */
    private static final int MAX_REPLAY = 5_000;

    // Every configuration: the owner relationship and the configuration id constraint; items by INCLUDES.
    private static final String ALL = """
            MATCH (owner:Customer)-[:OWNS]->(c:Configuration)
            RETURN c.id AS id, owner.id AS ownerId,
                   coalesce(c.listedInPeers, true) AND coalesce(c.privacy, 'COMMUNITY') <> 'PRIVATE' AS listed,
                   [(c)-[:INCLUDES]->(i:ConfigItem) | i.id] AS items
            """;

    // One snapshot: the outbox counter, the configuration events after $seq (index outbox_event_seq), the
    // current rows of those configurations (configuration id constraint), and the count store's totals.
    private static final String CHANGES = """
            OPTIONAL MATCH (counter:OutboxCounter {name: 'outbox'})
            WITH coalesce(counter.seq, 0) AS latest
            OPTIONAL MATCH (e:OutboxEvent) WHERE e.seq > $seq AND e.seq <= latest AND latest - $seq <= $max
            WITH latest, min(e.seq) AS first, count(e) AS events,
                 collect(DISTINCT CASE WHEN e.type = 'ConfigurationChanged' THEN e.aggregateId END) AS changed
            CALL (changed) {
              UNWIND changed AS id
              OPTIONAL MATCH (owner:Customer)-[:OWNS]->(c:Configuration {id: id})
              RETURN collect({id: id, ownerId: owner.id,
                              listed: coalesce(c.listedInPeers, true) AND coalesce(c.privacy, 'COMMUNITY') <> 'PRIVATE',
                              items: CASE WHEN c IS NULL THEN null ELSE [(c)-[:INCLUDES]->(i:ConfigItem) | i.id] END}) AS rows
            }
            RETURN latest, first, events, rows, COUNT { (:Configuration) } AS configurations,
                   COUNT { ()-[:INCLUDES]->() } AS includes
            """;

    private static final String LATEST = """
            OPTIONAL MATCH (counter:OutboxCounter {name: 'outbox'})
            RETURN coalesce(counter.seq, 0) AS latest
            """;

    private final Neo4jClient client;
    private final ReentrantLock syncing = new ReentrantLock();
    private final ReentrantReadWriteLock state = new ReentrantReadWriteLock();
    private long seq = -1;
    private Postings postings;
    // The count store's totals and the index's own at the last catch-up: their changes must agree.
    private Totals graphTotals;
    private Totals indexTotals;

    private record Totals(long configurations, long includes) {
        Totals minus(Totals o) {
            return new Totals(configurations - o.configurations, includes - o.includes);
        }
    }

    public SimilarityIndex(Neo4jClient client) {
        this.client = client;
    }

    /** Applies every change committed so far (builds the index on first use). */
    public void catchUp() {
        syncing.lock();
        try {
            if (postings == null) {
                rebuild("first use");
            } else {
                replay().ifPresent(this::rebuild);
            }
        } finally {
            syncing.unlock();
        }
    }

    /**
     * Whether the index has been built: until then the next question pays for the build (seconds on a large graph),
     * so the service's readiness waits for it.
     */
    public boolean isBuilt() {
        state.readLock().lock();
        try {
            return postings != null;
        } finally {
            state.readLock().unlock();
        }
    }

    /** Configurations held; -1 before the first build. */
    public long configurations() {
        state.readLock().lock();
        try {
            return postings == null ? -1 : postings.configurations();
        } finally {
            state.readLock().unlock();
        }
    }

    /** Rebuilds from the graph; questions meanwhile read the previous copy. */
    public void rebuild(String why) {
        syncing.lock();
        try {
            long t0 = System.nanoTime();
            long from = client.query(LATEST).fetchAs(Long.class).mappedBy((t, r) -> r.get("latest").asLong()).one().orElse(0L);
            Postings fresh = new Postings();
            client.query(ALL).fetchAs(Void.class).mappedBy((t, r) -> {
                fresh.put(r.get("id").asString(), r.get("ownerId").asString(), r.get("listed").asBoolean(),
                        r.get("items").asList(Value::asString));
                return null;
            }).all();
            write(() -> postings = fresh);
            seq = from; // events after `from` may already be in `fresh`: replaying them is idempotent
            graphTotals = null;
            replay().ifPresent(still -> log.warn("similarity index: {} right after a rebuild", still));
            log.info("similarity index rebuilt ({}): {} configurations in {} ms", why, fresh.configurations(),
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            syncing.unlock();
        }
    }

    /** Applies the events after {@code seq}; a reason to rebuild instead when they cannot tell the whole story. */
    private Optional<String> replay() {
        record Changes(long latest, long first, long events, List<Value> rows, long configurations, long includes) {}
        Changes c = client.query(CHANGES).bindAll(Map.of("seq", seq, "max", MAX_REPLAY)).fetchAs(Changes.class).mappedBy((t, r) -> new Changes(
                r.get("latest").asLong(), r.get("first").asLong(-1), r.get("events").asLong(), r.get("rows").asList(v -> v),
                r.get("configurations").asLong(), r.get("includes").asLong())).one().orElseThrow();
        if (c.latest() - seq > MAX_REPLAY) {
            return Optional.of((c.latest() - seq) + " events behind");
        }
        if (c.latest() > seq && (c.events() == 0 || c.first() != seq + 1)) {
            return Optional.of("outbox events pruned before they were read");
        }
        if (!c.rows().isEmpty()) {
            write(() -> c.rows().forEach(row -> postings.put(row.get("id").asString(),
                    row.get("items").isNull() ? null : row.get("ownerId").asString(), row.get("listed").asBoolean(false),
                    row.get("items").isNull() ? List.of() : row.get("items").asList(Value::asString))));
        }
        seq = Math.max(seq, c.latest());
        Totals graph = new Totals(c.configurations(), c.includes());
        Totals index = new Totals(postings.configurations(), postings.includes());
        boolean explained = graphTotals == null || graph.minus(graphTotals).equals(index.minus(indexTotals));
        graphTotals = graph;
        indexTotals = index;
        return explained ? Optional.empty() : Optional.of("configurations written without an outbox event (an import?)");
    }

    /** Runs {@code reader} on the current copy (after {@link #catchUp()}, for a fresh one). */
    public <T> T read(Function<Postings, T> reader) {
        state.readLock().lock();
        try {
            return reader.apply(postings);
        } finally {
            state.readLock().unlock();
        }
    }

    private void write(Runnable change) {
        state.writeLock().lock();
        try {
            change.run();
        } finally {
            state.writeLock().unlock();
        }
    }

    /**
     * The copy itself: configurations and items as dense ints. Not thread-safe; {@link SimilarityIndex} guards it.
     * A removed configuration keeps its slot (owner null) until the next rebuild.
     */
    public static final class Postings {
        private final Map<String, Integer> configurationOrdinals = new HashMap<>();
        private final List<String> configurationIds = new ArrayList<>();
        private final List<String> ownerIds = new ArrayList<>();
        private final List<int[]> itemsOf = new ArrayList<>();
        private boolean[] listed = new boolean[1024];
        private final Map<String, Integer> itemOrdinals = new HashMap<>();
        private final List<IntList> postings = new ArrayList<>();
        private long configurations;
        private long includes;

        void put(String configurationId, String ownerId, boolean isListed, List<String> items) {
            Integer existing = configurationOrdinals.get(configurationId);
            int c;
            if (existing != null) {
                c = existing;
                for (int item : itemsOf.get(c)) {
                    postings.get(item).remove(c);
                }
                includes -= itemsOf.get(c).length;
                configurations -= ownerIds.get(c) == null ? 0 : 1;
            } else if (ownerId == null) {
                return; // deleted before we ever saw it
            } else {
                c = configurationIds.size();
                configurationOrdinals.put(configurationId, c);
                configurationIds.add(configurationId);
                ownerIds.add(null);
                itemsOf.add(new int[0]);
                if (c == listed.length) {
                    listed = Arrays.copyOf(listed, c * 2);
                }
            }
            int[] ordinals = items.stream().distinct().mapToInt(this::itemOrdinal).sorted().toArray();
            for (int item : ordinals) {
                postings.get(item).add(c);
            }
            ownerIds.set(c, ownerId);
            itemsOf.set(c, ownerId == null ? new int[0] : ordinals);
            listed[c] = ownerId != null && isListed;
            includes += ownerId == null ? 0 : ordinals.length;
            configurations += ownerId == null ? 0 : 1;
        }

        private int itemOrdinal(String itemId) {
            return itemOrdinals.computeIfAbsent(itemId, id -> {
                postings.add(new IntList());
                return postings.size() - 1;
            });
        }

        /** The item's ordinal, or -1 when no configuration ever included it. */
        public int item(String itemId) {
            return itemOrdinals.getOrDefault(itemId, -1);
        }

        /** Item ordinals run from 0 to this (exclusive). */
        public int itemCount() {
            return postings.size();
        }

        /** The configurations that include the item (ordinals, in no particular order). */
        public IntList postings(int item) {
            return postings.get(item);
        }

        public int[] items(int configuration) {
            return itemsOf.get(configuration);
        }

        public boolean listed(int configuration) {
            return listed[configuration];
        }

        public String configurationId(int configuration) {
            return configurationIds.get(configuration);
        }

        public String ownerId(int configuration) {
            return ownerIds.get(configuration);
        }

        long configurations() {
            return configurations;
        }

        long includes() {
            return includes;
        }
    }

    /** A growable int array: posting lists hold ints, not boxed Integers. */
    public static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void remove(int value) {
            for (int i = 0; i < size; i++) {
                if (values[i] == value) {
                    values[i] = values[--size]; // order does not matter: every walk scores whole lists
                    return;
                }
            }
        }

        public int size() {
            return size;
        }

        public int get(int i) {
            return values[i];
        }
    }
}
