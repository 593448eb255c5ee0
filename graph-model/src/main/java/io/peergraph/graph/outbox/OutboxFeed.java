package io.peergraph.graph.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The read side of the outbox, shared by every consumer (the search indexer today, notifications later). Each
 * consumer keeps its own {@code :OutboxCursor {consumer, seq}}: the last event it has fully handled. Events
 * are pruned only once every registered cursor has passed them, so a slow or stopped consumer holds them, and
 * never before they are {@link #RETENTION} old: followers that hold no cursor (each instance's in-memory
 * similarity index) tail the feed without holding it back for ever, and rebuild if they fall further behind.
 */
public class OutboxFeed {

    /** How long every event is kept, whatever the cursors say. */
    public static final Duration RETENTION = Duration.ofMinutes(10);

    private final Neo4jClient client;

    public OutboxFeed(Neo4jClient client) {
        this.client = client;
    }

    /** Creates the consumer's cursor at {@code seq} unless it exists; returns the cursor either way. */
    public long register(String consumer, long seq) {
        return client.query("""
                        MERGE (c:OutboxCursor {consumer: $consumer})
                        ON CREATE SET c.seq = $seq, c.registeredAt = datetime()
                        RETURN c.seq AS seq
                        """).bindAll(Map.of("consumer", consumer, "seq", seq))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("seq").asLong()).one().orElseThrow();
    }

    /** The consumer's cursor, if registered. */
    public Optional<Long> cursor(String consumer) {
        return client.query("MATCH (c:OutboxCursor {consumer: $consumer}) RETURN c.seq AS seq").bind(consumer).to("consumer")
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("seq").asLong()).one();
    }

    /** Moves the cursor forward to {@code seq}; never backwards (two relays racing cannot undo each other). */
    public void advance(String consumer, long seq) {
        client.query("""
                        MATCH (c:OutboxCursor {consumer: $consumer})
                        SET c.seq = CASE WHEN $seq > c.seq THEN $seq ELSE c.seq END, c.advancedAt = datetime()
                        """).bindAll(Map.of("consumer", consumer, "seq", seq)).run();
    }

    /** Removes a consumer, releasing the events it held back. */
    public void unregister(String consumer) {
        client.query("MATCH (c:OutboxCursor {consumer: $consumer}) DELETE c").bind(consumer).to("consumer").run();
    }

    /** Up to {@code limit} events after {@code seq}, in order (index: outbox_event_seq). */
    public List<OutboxEvent> after(long seq, int limit) {
        return List.copyOf(client.query("""
                        MATCH (e:OutboxEvent) WHERE e.seq > $seq
                        RETURN e ORDER BY e.seq LIMIT $limit
                        """).bindAll(Map.of("seq", seq, "limit", limit))
                .fetchAs(OutboxEvent.class).mappedBy((t, r) -> map(r.get("e"))).all());
    }

    /** The number of the newest committed event (0 when there is none). */
    public long latestSeq() {
        return client.query("OPTIONAL MATCH (c:OutboxCounter {name: 'outbox'}) RETURN coalesce(c.seq, 0) AS seq")
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("seq").asLong()).one().orElse(0L);
    }

    /** How many events the consumer has not handled yet. */
    public long backlog(String consumer) {
        return client.query("""
                        MATCH (c:OutboxCursor {consumer: $consumer})
                        RETURN COUNT { MATCH (e:OutboxEvent) WHERE e.seq > c.seq } AS n
                        """).bind(consumer).to("consumer")
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /**
     * Deletes events every registered consumer has passed, at most {@code limit} per call; returns how many.
     * With no consumer registered nothing is pruned: nobody has said what they still need.
     */
    public long prune(int limit) {
        return prune(limit, RETENTION);
    }

    /** {@link #prune(int)}, keeping events younger than {@code keep}. */
    public long prune(int limit, Duration keep) {
        return client.query("""
                        MATCH (c:OutboxCursor) WITH min(c.seq) AS passed WHERE passed IS NOT NULL
                        MATCH (e:OutboxEvent) WHERE e.seq <= passed AND e.at <= datetime() - duration({milliseconds: $keep})
                        WITH e ORDER BY e.seq LIMIT $limit
                        DELETE e
                        RETURN count(*) AS n
                        """).bindAll(Map.of("limit", limit, "keep", keep.toMillis()))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    private static OutboxEvent map(Value e) {
        return new OutboxEvent(e.get("seq").asLong(), EventType.valueOf(e.get("type").asString()), e.get("aggregateId").asString(),
                e.get("at").asZonedDateTime(), e.get("payload").asString("{}"));
    }
}
