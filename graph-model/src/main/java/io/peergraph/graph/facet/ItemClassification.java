package io.peergraph.graph.facet;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.tag.TagLabel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Classifies configuration items into the taxonomy: an item of a kind that declares a {@code valueScheme} is
 * {@code CLASSIFIED_AS} the scheme's concept whose label (prefLabel, altLabel or notation, normalised as a tag is:
 * {@link TagLabel#normalize}) is the item's value. The item's family is then the concept's broader one (similar peers),
 * and benchmark cohorts compare concepts, so a moderator's merge or broader link changes answers. An item already
 * classified (by a moderator, a merge) is left alone; a value no concept carries stays unclassified.
 */
public final class ItemClassification {

    // Relies on the unique constraint config_item_key and the item_kind_kind constraint.
    private static final String UNCLASSIFIED_OF_KEYS = """
            UNWIND $keys AS key
            MATCH (i:ConfigItem {key: key}) WHERE NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            MATCH (k:ItemKind {kind: i.kind}) WHERE k.valueScheme IS NOT NULL
            RETURN i.id AS id, i.value AS value, k.valueScheme AS scheme
            """;

    // Every item of the kinds with a value scheme: a scan of those kinds' items (a start, a domain load).
    private static final String UNCLASSIFIED = """
            MATCH (k:ItemKind) WHERE k.valueScheme IS NOT NULL
            MATCH (i:ConfigItem) WHERE i.kind = k.kind AND NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            RETURN i.id AS id, i.value AS value, k.valueScheme AS scheme
            """;

    // The scheme's members are few (a value scheme, not pci.ids); the lowest id wins when two concepts share a label.
    private static final String CLASSIFY = """
            UNWIND $rows AS row
            MATCH (i:ConfigItem {id: row.id})
            CALL (row) {
              MATCH (:ConceptScheme {iri: row.scheme})<-[:IN_SCHEME]-(c:Concept)
              WHERE row.label IN c.labelKeys AND coalesce(c.status, 'APPROVED') <> 'DEPRECATED'
              RETURN c ORDER BY c.id LIMIT 1
            }
            MERGE (i)-[:CLASSIFIED_AS]->(c)
            RETURN count(*) AS classified
            """;

    private static final String UNCLASSIFIED_COUNTS = """
            MATCH (k:ItemKind) WHERE k.valueScheme IS NOT NULL
            MATCH (i:ConfigItem) WHERE i.kind = k.kind AND NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            RETURN i.kind AS kind, i.value AS value, i.configCount AS configurations
            ORDER BY configurations DESC, kind, value LIMIT $limit
            """;

    private ItemClassification() {}

    /** Classifies the items with these {@code ConfigItem.key}s that are not classified yet (an import's batch). */
    public static int classify(SimpleQueryRunner tx, Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return 0;
        }
        return write(tx, tx.run(UNCLASSIFIED_OF_KEYS, Map.of("keys", List.copyOf(itemKeys))).list());
    }

    /** The same through Spring's client (the API's configuration writes, in their transaction when there is one). */
    public static void classify(Neo4jClient client, Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = client.query(UNCLASSIFIED_OF_KEYS).bind(List.copyOf(itemKeys)).to("keys").fetch().all().stream()
                .map(r -> Map.<String, Object>of("id", r.get("id"), "label", TagLabel.normalize((String) r.get("value")), "scheme", r.get("scheme")))
                .toList();
        if (!rows.isEmpty()) {
            client.query(CLASSIFY).bind(rows).to("rows").run();
        }
    }

    /** Classifies every item not classified yet whose kind declares a value scheme. */
    public static int classifyAll(SimpleQueryRunner tx) {
        return write(tx, tx.run(UNCLASSIFIED).list());
    }

    /** A value of a kind with a value scheme that no concept carries, and on how many configurations it is. */
    public record Unclassified(String kind, String value, long configurations) {}

    /** What moderators could give a concept: unclassified values, most used first, in a read transaction of its own. */
    public static List<Unclassified> unclassified(GraphConnection graph, int limit) {
        try (org.neo4j.driver.Session session = graph.driver().session()) {
            return session.executeRead(tx -> unclassified(tx, limit));
        }
    }

    private static List<Unclassified> unclassified(SimpleQueryRunner tx, int limit) {
        return tx.run(UNCLASSIFIED_COUNTS, Map.of("limit", limit)).list(r ->
                new Unclassified(r.get("kind").asString(), r.get("value").asString(), r.get("configurations").asLong(0)));
    }

    private static int write(SimpleQueryRunner tx, List<Record> candidates) {
        List<Map<String, Object>> rows = candidates.stream().map(r -> Map.<String, Object>of("id", r.get("id").asString(),
                "label", TagLabel.normalize(r.get("value").asString()), "scheme", r.get("scheme").asString())).toList();
        return rows.isEmpty() ? 0 : tx.run(CLASSIFY, Map.of("rows", rows)).single().get("classified").asInt();
    }
}
