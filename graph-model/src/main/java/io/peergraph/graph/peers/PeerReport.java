package io.peergraph.graph.peers;

import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.symptom.Symptom;
import java.time.ZonedDateTime;
import java.util.List;
import org.neo4j.driver.Value;

/**
 * A peer's report as a peer may see it. {@code ownerId} is only for deriving the viewer's pseudonym of the
 * peer; it must never leave the service.
 */
public record PeerReport(String id, String title, String status, ZonedDateTime occurredAt, double score,
                         String ownerId, Product product, List<Symptom> symptoms, List<ConfigItem> sharedItems) {

    static PeerReport from(Value v) {
        Value p = v.get("product");
        ZonedDateTime at = v.get("occurredAt").isNull() ? v.get("createdAt").asZonedDateTime(null) : v.get("occurredAt").asZonedDateTime();
        return new PeerReport(v.get("id").asString(), v.get("title").asString(null), v.get("status").asString("OPEN"), at,
                v.get("score").asDouble(), v.get("ownerId").asString(),
                p.isNull() ? null : new Product(p.get("id").asString(), p.get("key").asString(), p.get("name").asString(),
                        p.get("verified").asBoolean(false), p.get("createdAt").asZonedDateTime(null)),
                v.get("symptoms").asList(s -> new Symptom(s.get("id").asString(), s.get("key").asString(), s.get("name").asString(null),
                        s.get("broaderId").asString(null))),
                v.get("shared").asList(i -> new ConfigItem(i.get("id").asString(), i.get("kind").asString(), i.get("value").asString(), 0)));
    }
}
