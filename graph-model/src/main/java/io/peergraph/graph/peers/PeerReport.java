package io.peergraph.graph.peers;

import io.peergraph.graph.stuff.ConfigItem;
import java.time.ZonedDateTime;
import java.util.List;
import org.neo4j.driver.Value;

/**
 * A peer's report as a peer may see it. {@code ownerId} is only for deriving the viewer's pseudonym of the
 * peer; it must never leave the service.
 */
public record PeerReport(String id, String title, String status, ZonedDateTime occurredAt, double score,
                         String ownerId, String productId, String productName, List<SymptomRef> symptoms,
                         List<ConfigItem> sharedItems) {

    public record SymptomRef(String id, String key, String name) {}

    static PeerReport from(Value v) {
        Value product = v.get("product");
        ZonedDateTime at = v.get("occurredAt").isNull() ? v.get("createdAt").asZonedDateTime(null) : v.get("occurredAt").asZonedDateTime();
        return new PeerReport(v.get("id").asString(), v.get("title").asString(null), v.get("status").asString("OPEN"), at,
                v.get("score").asDouble(), v.get("ownerId").asString(),
                product.isNull() ? null : product.get("id").asString(), product.isNull() ? null : product.get("name").asString(),
                v.get("symptoms").asList(s -> new SymptomRef(s.get("id").asString(), s.get("key").asString(), s.get("name").asString(null))),
                v.get("shared").asList(i -> new ConfigItem(i.get("id").asString(), i.get("kind").asString(), i.get("value").asString(), 0)));
    }
}
