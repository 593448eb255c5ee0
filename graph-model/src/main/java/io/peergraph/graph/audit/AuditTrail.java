package io.peergraph.graph.audit;

import io.peergraph.graph.id.PublicId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The append-only audit trail of security-relevant events, as {@code :AuditEvent} nodes (the taxonomy's
 * curation events share the label and shape). Nothing here updates or deletes an event. Written inside the
 * caller's transaction when there is one, so a change and its audit entry commit together.
 */
public class AuditTrail {

    private final Neo4jClient client;

    public AuditTrail(Neo4jClient client) {
        this.client = client;
    }

    public void record(String by, String action, String target, String summary) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", PublicId.AUDIT_EVENT.random());
        p.put("by", by);
        p.put("action", action);
        p.put("target", target);
        p.put("summary", summary);
        client.query("""
                CREATE (:AuditEvent {id: $id, at: datetime(), by: $by, action: $action, target: $target, summary: $summary})
                """).bindAll(p).run();
    }

    /**
     * Newest first, optionally of one action, after a keyset position (epoch millis and id of the last one seen);
     * fetches {@code size} rows. Relies on the index audit_event_at.
     */
    public List<AuditEvent> page(String action, Long afterTime, String afterId, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("action", action);
        p.put("afterTime", afterTime);
        p.put("afterId", afterId);
        p.put("size", size);
        return List.copyOf(client.query("""
                        MATCH (e:AuditEvent)
                        WHERE ($action IS NULL OR e.action = $action)
                          AND ($afterId IS NULL OR e.at.epochMillis < $afterTime OR (e.at.epochMillis = $afterTime AND e.id < $afterId))
                        RETURN e {.id, .at, .by, .action, .target, .summary} AS e
                        ORDER BY e.at DESC, e.id DESC LIMIT $size
                        """).bindAll(p).fetchAs(AuditEvent.class).mappedBy((t, r) -> map(r.get("e"))).all());
    }

    static AuditEvent map(Value e) {
        return new AuditEvent(e.get("id").asString(), e.get("at").isNull() ? null : e.get("at").asZonedDateTime(),
                e.get("by").asString(null), e.get("action").asString(null), e.get("target").asString(null), e.get("summary").asString(null));
    }
}
