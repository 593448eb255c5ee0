package io.peergraph.graph.tag;

import io.peergraph.graph.id.PublicId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Reading customers' tags on reports, solutions, products and configurations. Each customer's application is
 * its own {@code TAGGED {by}} relationship. Tags are written only by {@link Tags}, which
 * resolves synonyms (merged labels, concept altLabels) and records the outbox events; labels are compared by
 * {@link TagLabel#normalize}.
 */
public class TagStore {

    private final Neo4jClient client;

    public TagStore(Neo4jClient client) {
        this.client = client;
    }

    /** Tags on each thing (any customer's), most used first, one query for a batch. */
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
                        WITH DISTINCT id, t ORDER BY t.usageCount DESC, t.normalized
                        RETURN id, collect(t {.id, .label, .normalized, .usageCount}) AS tags
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
    public static String taggableLabel(String thingId) {
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
