package io.peergraph.graph.notification;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Stored preferences: one {@code :NotificationPreferences} node per customer who changed theirs (constraint
 * {@code notification_preferences_customer}). A customer without one gets the defaults of their role; the inbox
 * writer treats a missing node as "every kind" (every role's default).
 */
public class PreferenceStore {

    private final Neo4jClient client;

    public PreferenceStore(Neo4jClient client) {
        this.client = client;
    }

    /** The stored preferences, if the customer ever saved any. */
    public Optional<NotificationPreferences> stored(String customerId) {
        return client.query("MATCH (p:NotificationPreferences {customerId: $customerId}) RETURN p")
                .bind(customerId).to("customerId").fetchAs(NotificationPreferences.class).mappedBy((t, r) -> map(r.get("p"))).one();
    }

    /** Stored preferences of several customers at once (for live pushes). */
    public Map<String, NotificationPreferences> stored(Collection<String> customerIds) {
        Map<String, NotificationPreferences> out = new HashMap<>();
        client.query("UNWIND $ids AS id MATCH (p:NotificationPreferences {customerId: id}) RETURN id, p")
                .bind(List.copyOf(customerIds)).to("ids").fetchAs(Map.Entry.class)
                .mappedBy((t, r) -> Map.entry(r.get("id").asString(), map(r.get("p")))).all()
                .forEach(e -> out.put((String) e.getKey(), (NotificationPreferences) e.getValue()));
        return out;
    }

    public NotificationPreferences save(String customerId, NotificationPreferences p) {
        Map<String, Object> params = new HashMap<>();
        params.put("customerId", customerId);
        params.put("kinds", p.kinds().stream().map(Enum::name).sorted().toList());
        params.put("channels", p.channels().stream().map(Enum::name).sorted().toList());
        params.put("anomaliesOnly", p.anomaliesOnly());
        params.put("quietFrom", p.quietHours() == null ? null : p.quietHours().from().toString());
        params.put("quietTo", p.quietHours() == null ? null : p.quietHours().to().toString());
        params.put("quietZone", p.quietHours() == null ? null : p.quietHours().zone().getId());
        client.query("""
                MATCH (c:Customer {id: $customerId})
                MERGE (p:NotificationPreferences {customerId: $customerId})
                ON CREATE SET p.createdAt = datetime()
                SET p.kinds = $kinds, p.channels = $channels, p.anomaliesOnly = $anomaliesOnly,
                    p.quietFrom = $quietFrom, p.quietTo = $quietTo, p.quietZone = $quietZone, p.updatedAt = datetime()
                MERGE (c)-[:PREFERS]->(p)
                """).bindAll(params).run();
        return p;
    }

    private static NotificationPreferences map(org.neo4j.driver.types.MapAccessor p) {
        NotificationPreferences.QuietHours quiet = p.get("quietFrom").isNull() ? null : new NotificationPreferences.QuietHours(
                LocalTime.parse(p.get("quietFrom").asString()), LocalTime.parse(p.get("quietTo").asString()),
                ZoneId.of(p.get("quietZone").asString()));
        return new NotificationPreferences(
                p.get("kinds").asList(Value::asString).stream().map(NotificationKind::valueOf).collect(Collectors.toSet()),
                p.get("channels").asList(Value::asString).stream().map(NotificationPreferences.Channel::valueOf).collect(Collectors.toSet()),
                quiet, p.get("anomaliesOnly").asBoolean(false));
    }

    private static NotificationPreferences map(Value p) {
        return map(p.asNode());
    }
}
