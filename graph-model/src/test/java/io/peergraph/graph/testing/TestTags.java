package io.peergraph.graph.testing;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.text.Text;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A customer's tag as graph-model's {@code Tags} writes it for a label no merge or concept claims: the
 * {@code TAGGED {by}} application, the usage count and the {@code TagApplied} event, in the caller's transaction.
 * For tests of modules below ontology-seeds (notifications, the search feed), which do not load concepts.
 */
public final class TestTags {

    private TestTags() {}

    /** Returns the tag's id. */
    public static String tag(Neo4jClient client, String customerId, String thingId, String label) {
        String normalized = TagLabel.normalize(label);
        String tagId = client.query("""
                        MATCH (thing:%s {id: $thingId})
                        MERGE (t:Tag {normalized: $normalized})
                        ON CREATE SET t.id = $id, t.label = $label, t.usageCount = 0, t.createdAt = datetime(), t.updatedAt = datetime()
                        MERGE (thing)-[applied:TAGGED {by: $customerId}]->(t)
                        ON CREATE SET applied.at = datetime(), t.usageCount = t.usageCount + 1
                        RETURN t.id AS id
                        """.formatted(TagStore.taggableLabel(thingId)))
                .bindAll(Map.of("thingId", thingId, "normalized", normalized, "id", PublicId.TAG.fromKey(normalized), "label", Text.line(label),
                        "customerId", customerId))
                .fetchAs(String.class).one().orElseThrow();
        Outbox.record(client, EventType.TagApplied, thingId, Map.of("tag", normalized, "by", customerId));
        return tagId;
    }
}
