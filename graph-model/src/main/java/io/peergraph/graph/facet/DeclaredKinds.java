package io.peergraph.graph.facet;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The declared item kinds ({@link ItemFacetStore#read}), read once and kept: similar peers, peers with a symptom and
 * benchmarks ask for them on every question, and they change only when a domain's facets are loaded. A load through
 * {@link ItemFacetStore#declare} forgets every copy in this process once its transaction has committed; a load by
 * another process (a second instance, the command line against the same server) is seen within {@link #AT_MOST_STALE}.
 */
public final class DeclaredKinds {

    /** How long a copy may be kept without a write in this process telling it to go. */
    public static final Duration AT_MOST_STALE = Duration.ofMinutes(1);

    /** Bumped after every committed write of the kinds in this process: a copy read under an older count is stale. */
    private static final AtomicLong WRITES = new AtomicLong();

    private record Copy(long writes, long readAt, ItemFacets facets) {}

    private final Neo4jClient client;
    private volatile Copy copy;

    public DeclaredKinds(Neo4jClient client) {
        this.client = client;
    }

    /** The declared kinds, from the graph when no fresh copy is held. */
    public ItemFacets read() {
        long writes = WRITES.get(); // read before the graph: a write committing meanwhile leaves this copy stale
        long now = System.nanoTime();
        Copy held = copy;
        if (held == null || held.writes() != writes || now - held.readAt() > AT_MOST_STALE.toNanos()) {
            held = new Copy(writes, now, ItemFacetStore.read(client));
            copy = held;
        }
        return held.facets();
    }

    /**
     * Every copy in this process is stale: called after a write of the kinds has committed ({@link ItemFacetStore#declare}
     * does), or by a test that wiped the graph.
     */
    public static void written() {
        WRITES.incrementAndGet();
    }
}
