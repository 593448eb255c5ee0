package io.peergraph.graph.taxonomy.curation;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.QueryRunner;
import org.neo4j.driver.Value;

/** {@code :AuditEvent} nodes: written in the transaction of the change they record, linked to what they changed. */
final class AuditLog {

    private static final String WRITE = """
            CREATE (e:AuditEvent {id: $id, at: $at, by: $by, action: $action, summary: $summary, command: $command,
                                  subjects: $subjects, before: $before, after: $after, undoes: $undoes})
            WITH e
            UNWIND $subjects AS subject
            CALL (subject) {
              MATCH (n:Concept {id: subject}) RETURN n
              UNION
              MATCH (n:Tag {id: subject}) RETURN n
            }
            CREATE (e)-[:CHANGED]->(n)
            """;

    private static final String MARK_UNDONE = """
            MATCH (e:AuditEvent {id: $id})
            SET e.undoneBy = $undoneBy
            """;

    private static final String BY_ID = """
            MATCH (e:AuditEvent {id: $id})
            RETURN e {.*} AS e
            """;

    // Relies on concept_iri, then the CHANGED links of that concept only. Keyset: strictly after ($afterMillis, $afterId)
    // in (time desc, id desc) order, times compared at millisecond precision as cursors carry them.
    private static final String HISTORY = """
            MATCH (:Concept {iri: $iri})<-[:CHANGED]-(e:AuditEvent)
            WITH DISTINCT e
            WHERE $afterId IS NULL OR e.at.epochMillis < $afterMillis OR (e.at.epochMillis = $afterMillis AND e.id < $afterId)
            RETURN e {.*} AS e
            ORDER BY e.at DESC, e.id DESC
            LIMIT $limit
            """;

    // Relies on the index audit_event_at; only curation events (they carry a snapshot), not the service's other audit entries.
    private static final String RECENT = """
            MATCH (e:AuditEvent)
            WHERE e.at IS NOT NULL AND e.after IS NOT NULL
              AND ($afterId IS NULL OR e.at < datetime({epochMillis: $afterMillis + 1}))
              AND ($afterId IS NULL OR e.at.epochMillis < $afterMillis OR (e.at.epochMillis = $afterMillis AND e.id < $afterId))
            RETURN e {.*} AS e
            ORDER BY e.at DESC, e.id DESC
            LIMIT $limit
            """;

    private static final String LATER_EVENTS = """
            MATCH (e:AuditEvent {id: $id})-[:CHANGED]->(n)<-[:CHANGED]-(later:AuditEvent)
            WHERE later.at > e.at
            RETURN collect(DISTINCT later.id) AS ids
            """;

    private AuditLog() {}

    static AuditEntry write(QueryRunner tx, String id, String by, ZonedDateTime at, String action, String summary, String command,
                            List<String> subjects, String before, String after, String undoes) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("at", at);
        p.put("by", by);
        p.put("action", action);
        p.put("summary", summary);
        p.put("command", command);
        p.put("subjects", subjects);
        p.put("before", before);
        p.put("after", after);
        p.put("undoes", undoes);
        tx.run(WRITE, p).consume();
        return new AuditEntry(id, by, at, action, summary, subjects, before, after, undoes, null);
    }

    static void markUndone(QueryRunner tx, String id, String undoneBy) {
        tx.run(MARK_UNDONE, Map.of("id", id, "undoneBy", undoneBy)).consume();
    }

    static Optional<AuditEntry> byId(QueryRunner tx, String id) {
        return tx.run(BY_ID, Map.of("id", id)).list().stream().findFirst().map(r -> entry(r.get("e")));
    }

    static List<AuditEntry> history(QueryRunner tx, String conceptIri, Long afterMillis, String afterId, int limit) {
        Map<String, Object> p = keyset(afterMillis, afterId, limit);
        p.put("iri", conceptIri);
        return tx.run(HISTORY, p).list(r -> entry(r.get("e")));
    }

    static List<AuditEntry> recent(QueryRunner tx, Long afterMillis, String afterId, int limit) {
        return tx.run(RECENT, keyset(afterMillis, afterId, limit)).list(r -> entry(r.get("e")));
    }

    private static Map<String, Object> keyset(Long afterMillis, String afterId, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("afterMillis", afterId == null ? 0L : afterMillis);
        p.put("afterId", afterId);
        p.put("limit", limit);
        return p;
    }

    static List<String> laterEvents(QueryRunner tx, String id) {
        return tx.run(LATER_EVENTS, Map.of("id", id)).single().get("ids").asList(Value::asString);
    }

    private static AuditEntry entry(Value e) {
        return new AuditEntry(e.get("id").asString(), e.get("by").asString(), e.get("at").asZonedDateTime(), e.get("action").asString(),
                e.get("summary").asString(), e.get("subjects").asList(Value::asString), e.get("before").asString(),
                e.get("after").asString(), e.get("undoes").asString(null), e.get("undoneBy").asString(null));
    }
}
