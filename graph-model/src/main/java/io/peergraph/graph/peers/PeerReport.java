package io.peergraph.graph.peers;

import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.symptom.Symptom;
import java.time.ZonedDateTime;
import java.util.List;
import org.neo4j.driver.Value;

/**
 * A peer's report as a peer may see it. {@code ownerId} is only for deriving the viewer's pseudonym of the
 * peer; it must never leave the service. {@code excerpt}: the start of the report's text, cut at a word.
 */
public record PeerReport(String id, String title, String status, ZonedDateTime occurredAt, double score,
                         String ownerId, Product product, List<Symptom> symptoms, List<ConfigItem> sharedItems, String excerpt) {

    /** How much of a report's text the answer carries: enough to judge it, not the whole. */
    static final int EXCERPT_LENGTH = 240;

    static PeerReport from(Value v) {
        Value p = v.get("product");
        ZonedDateTime at = v.get("occurredAt").isNull() ? v.get("createdAt").asZonedDateTime(null) : v.get("occurredAt").asZonedDateTime();
        return new PeerReport(v.get("id").asString(), v.get("title").asString(null), v.get("status").asString("OPEN"), at,
                v.get("score").asDouble(), v.get("ownerId").asString(),
                p.isNull() ? null : new Product(p.get("id").asString(), p.get("key").asString(), p.get("name").asString(),
                        p.get("verified").asBoolean(false), p.get("createdAt").asZonedDateTime(null)),
                v.get("symptoms").asList(s -> new Symptom(s.get("id").asString(), s.get("key").asString(), s.get("name").asString(null),
                        s.get("broaderId").asString(null))),
                v.get("shared").asList(i -> new ConfigItem(i.get("id").asString(), i.get("kind").asString(), i.get("value").asString(), 0)),
                excerpt(v.get("text").asString(null)));
    }

    /** The text's start, whitespace collapsed, cut at a word boundary with an ellipsis when longer; null for no text. */
    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= EXCERPT_LENGTH) {
            return t;
        }
        int cut = t.lastIndexOf(' ', EXCERPT_LENGTH);
        return t.substring(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH).stripTrailing() + "…";
    }
}
