package io.peergraph.graph.tag;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.text.Text;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' tags on reports, solutions, products and configurations. Each customer's application is its
 * own {@code TAGGED {by}} relationship, so untagging removes only the caller's and usage counts customers.
 */
public class TagStore {

    private final Neo4jClient client;

    public TagStore(Neo4jClient client) {
        this.client = client;
    }

    /** NFKC, case-folded, whitespace and dash/underscore variants folded to single spaces. */
    public static String normalize(String label) {
        String line = Text.line(label);
        return line == null ? null : line.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-‐‑‒–—]+", " ").strip();
    }

    /** Empty when there is no such thing. */
    @Transactional
    public java.util.Optional<Tag> tag(String customerId, String thingId, String label) {
        String normalized = normalize(label);
        Map<String, Object> p = new HashMap<>();
        p.put("customerId", customerId);
        p.put("thingId", thingId);
        p.put("label", Text.line(label));
        p.put("normalized", normalized);
        p.put("id", PublicId.TAG.fromKey(normalized));
        java.util.Optional<Tag> applied = client.query("""
                        MATCH (thing:%s {id: $thingId})
                        MERGE (t:Tag {normalized: $normalized})
                        ON CREATE SET t.id = $id, t.label = $label, t.usageCount = 0, t.createdAt = datetime()
                        MERGE (thing)-[rel:TAGGED {by: $customerId}]->(t)
                        ON CREATE SET rel.at = datetime(), t.usageCount = t.usageCount + 1, t.updatedAt = datetime()
                        RETURN t {.id, .label, .normalized, .usageCount} AS t
                        """.formatted(taggableLabel(thingId))).bindAll(p).fetchAs(Tag.class)
                .mappedBy((ts, r) -> new Tag(r.get("t").get("id").asString(), r.get("t").get("label").asString(),
                        r.get("t").get("normalized").asString(), r.get("t").get("usageCount").asLong())).one();
        applied.ifPresent(t -> Outbox.record(client, EventType.TagApplied, thingId, Map.of("tag", t.normalized(), "by", customerId)));
        return applied;
    }

    /** Removes the caller's application of the tag; true when there was one. */
    @Transactional
    public boolean untag(String customerId, String thingId, String label) {
        boolean removed = client.query("""
                        MATCH (:%s {id: $thingId})-[rel:TAGGED {by: $customerId}]->(t:Tag {normalized: $normalized})
                        SET t.usageCount = t.usageCount - 1, t.updatedAt = datetime()
                        DELETE rel
                        RETURN count(*) AS removed
                        """.formatted(taggableLabel(thingId))).bindAll(Map.of("thingId", thingId, "customerId", customerId, "normalized", normalize(label)))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("removed").asLong()).one().orElse(0L) > 0;
        if (removed) {
            Outbox.record(client, EventType.TagRemoved, thingId, Map.of("tag", normalize(label)));
        }
        return removed;
    }

    /** Tags on each thing (any customer's), one query for a batch. */
    public Map<String, List<Tag>> tagsOf(Collection<String> thingIds) {
        var rows = client.query("""
                        UNWIND $ids AS id
                        CALL (id) {
                          MATCH (thing:Report {id: id}) RETURN thing
                          UNION MATCH (thing:Solution {id: id}) RETURN thing
                          UNION MATCH (thing:Product {id: id}) RETURN thing
                          UNION MATCH (thing:Configuration {id: id}) RETURN thing
                        }
                        MATCH (thing)-[:TAGGED]->(t:Tag)
                        WITH id, t ORDER BY t.normalized
                        RETURN id, collect(DISTINCT t {.id, .label, .normalized, .usageCount}) AS tags
                        """).bind(List.copyOf(thingIds)).to("ids")
                .fetchAs(TagsOn.class).mappedBy((ts, r) -> new TagsOn(r.get("id").asString(), r.get("tags").asList(t ->
                        new Tag(t.get("id").asString(), t.get("label").asString(), t.get("normalized").asString(), t.get("usageCount").asLong()))))
                .all();
        Map<String, List<Tag>> out = new HashMap<>();
        thingIds.forEach(id -> out.put(id, List.of()));
        rows.forEach(row -> out.put(row.thingId(), row.tags()));
        return out;
    }

    /** One row of {@link #tagsOf}. */
    private record TagsOn(String thingId, List<Tag> tags) {}

    /** Things customers may tag. */
    public static final java.util.Set<PublicId> TAGGABLE =
            java.util.EnumSet.of(PublicId.REPORT, PublicId.SOLUTION, PublicId.PRODUCT, PublicId.CONFIGURATION);

    /** The label to match a taggable id on (from the id's type, never from user text). */
    static String taggableLabel(String thingId) {
        return PublicId.typeOf(thingId).filter(TAGGABLE::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not a taggable id: " + thingId));
    }

    /** Tags the customer applied, most used first. */
    public List<Tag> appliedBy(String customerId, int limit) {
        return List.copyOf(client.query("""
                        MATCH ()-[rel:TAGGED {by: $customerId}]->(t:Tag)
                        WITH DISTINCT t ORDER BY t.usageCount DESC, t.normalized LIMIT $limit
                        RETURN t {.id, .label, .normalized, .usageCount} AS t
                        """).bindAll(Map.of("customerId", customerId, "limit", limit)).fetchAs(Tag.class)
                .mappedBy((ts, r) -> new Tag(r.get("t").get("id").asString(), r.get("t").get("label").asString(),
                        r.get("t").get("normalized").asString(), r.get("t").get("usageCount").asLong())).all());
    }
}
