package io.peergraph.graph.outbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neo4j.driver.SimpleQueryRunner;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The write side of the transactional outbox: stores call {@link #record} inside the transaction that makes
 * the change, so the event commits if and only if the change does.
 *
 * <p>Sequence numbers come from one {@code :OutboxCounter} node. Incrementing it takes its write lock, which
 * the transaction holds until it commits, so writers get their numbers in commit order: once a reader sees
 * event n, every event below n is already visible. That is what lets consumers keep a single number as their
 * cursor. The price is that writers serialise on the counter for the rest of their transaction, so stores
 * record the event as their last statement.
 */
public final class Outbox {

    /**
     * Appends the events in {@code $events} ({type, aggregateId, payload}) with consecutive numbers. Its plan does
     * not depend on statistics (one counter, creates), so it is never re-planned when they move during bulk writes.
     */
    static final String APPEND = "CYPHER replan=skip\n" + """
            MERGE (counter:OutboxCounter {name: 'outbox'})
            ON CREATE SET counter.seq = 0
            SET counter.seq = counter.seq + size($events)
            WITH counter.seq - size($events) AS before
            UNWIND range(0, size($events) - 1) AS i
            WITH before + i + 1 AS seq, $events[i] AS event
            CREATE (:OutboxEvent {seq: seq, type: event.type, aggregateId: event.aggregateId, payload: event.payload,
                                  at: datetime()})
            """;

    private Outbox() {}

    /** Records one event in the caller's transaction. */
    public static void record(Neo4jClient client, EventType type, String aggregateId, Map<String, String> payload) {
        recordAll(client, type, List.of(aggregateId), payload);
    }

    /** Records one event per aggregate, all with the same type and payload. */
    public static void recordAll(Neo4jClient client, EventType type, List<String> aggregateIds, Map<String, String> payload) {
        if (!aggregateIds.isEmpty()) {
            client.query(APPEND).bind(events(type, aggregateIds, payload)).to("events").run();
        }
    }

    /**
     * The same inside a driver transaction (importers write through the driver): one event per aggregate, in the
     * transaction of the batch that made the change.
     */
    public static void recordAll(SimpleQueryRunner tx, EventType type, List<String> aggregateIds, Map<String, String> payload) {
        if (!aggregateIds.isEmpty()) {
            tx.run(APPEND, Map.of("events", events(type, aggregateIds, payload))).consume();
        }
    }

    private static List<Map<String, Object>> events(EventType type, List<String> aggregateIds, Map<String, String> payload) {
        String json = json(payload);
        return aggregateIds.stream()
                .<Map<String, Object>>map(id -> Map.of("type", type.name(), "aggregateId", id, "payload", json))
                .toList();
    }

    /** A flat JSON object of strings; payloads are small and flat by design. */
    static String json(Map<String, String> fields) {
        return fields.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Reads back what {@link #json} wrote: a flat object of strings. Anything else yields what could be read. */
    static Map<String, String> fields(String json) {
        Map<String, String> out = new java.util.HashMap<>();
        if (json == null) {
            return out;
        }
        int[] at = {0};
        while (true) {
            String key = nextString(json, at);
            if (key == null) {
                return out;
            }
            String value = nextString(json, at);
            if (value == null) {
                return out;
            }
            out.put(key, value);
        }
    }

    /** The next quoted string from {@code at[0]} on, unescaped; null when there is none. */
    private static String nextString(String json, int[] at) {
        int start = json.indexOf('"', at[0]);
        if (start < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return out.toString();
            }
            if (c == '\\' && i + 1 < json.length()) {
                char e = json.charAt(++i);
                if (e == 'u' && i + 4 < json.length()) {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; case 'r' -> '\r'; default -> e; });
                }
            } else {
                out.append(c);
            }
            i++;
        }
        return null;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
