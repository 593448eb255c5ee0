package io.peergraph.graph.facet;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.tag.TagLabel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Classifies configuration items into the taxonomy: an item of a kind that declares a {@code valueScheme} is
 * {@code CLASSIFIED_AS} the scheme's concept whose label (prefLabel, altLabel or notation, normalised as a tag is:
 * {@link TagLabel#normalize}) is the item's value. Both peer questions then relate items through their concepts
 * ({@link ItemRelation}), and benchmark cohorts compare concepts, so a moderator's merge or broader link changes answers. An item of a kind
 * that declares a family rule and no value scheme is {@code CLASSIFIED_AS} its family's generated concept
 * ({@link FamilyConcepts}). An item already classified (by a moderator, a merge) is left alone; a value no concept
 * carries stays unclassified. Peer signatures carry the concepts ({@code PeerSignature.TERMS_OF_ITEM}): a caller that
 * classifies items which already have reports re-signs them ({@code SignatureResign.ofItems}).
 */
public final class ItemClassification {

    // Relies on the unique constraint config_item_key.
    private static final String UNCLASSIFIED_OF_KEYS = """
            UNWIND $keys AS key
            MATCH (i:ConfigItem {key: key}) WHERE NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            RETURN i.id AS id, i.kind AS kind, i.value AS value
            """;

    // Every item of the kinds that classify: a scan of those kinds' items (a start, a domain load).
    private static final String UNCLASSIFIED = """
            MATCH (i:ConfigItem) WHERE i.kind IN $kinds AND NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            RETURN i.id AS id, i.kind AS kind, i.value AS value
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
            RETURN collect(i.id) AS ids
            """;

    private static final String UNCLASSIFIED_COUNTS = """
            MATCH (k:ItemKind) WHERE k.valueScheme IS NOT NULL
            MATCH (i:ConfigItem) WHERE i.kind = k.kind AND NOT EXISTS { (i)-[:CLASSIFIED_AS]->() }
            RETURN i.kind AS kind, i.value AS value, i.configCount AS configurations
            ORDER BY configurations DESC, kind, value LIMIT $limit
            """;

    /** Items per statement of a domain load's family classification (tens of thousands of items at a first start). */
    private static final int BATCH = 5_000;

    private ItemClassification() {}

    /**
     * Classifies the items with these {@code ConfigItem.key}s that are not classified yet (an import's batch); returns
     * the ids of those it classified.
     */
    public static List<String> classify(SimpleQueryRunner tx, Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return List.of();
        }
        List<FamilyConcepts.ItemRow> items = tx.run(UNCLASSIFIED_OF_KEYS, Map.of("keys", List.copyOf(itemKeys))).list(ItemClassification::row);
        return items.isEmpty() ? List.of() : write(tx, ItemFacetStore.read(tx), items);
    }

    /** The same through Spring's client (the API's configuration writes, in their transaction when there is one). */
    public static void classify(Neo4jClient client, Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return;
        }
        List<FamilyConcepts.ItemRow> items = client.query(UNCLASSIFIED_OF_KEYS).bind(List.copyOf(itemKeys)).to("keys").fetch().all().stream()
                .map(r -> new FamilyConcepts.ItemRow((String) r.get("id"), (String) r.get("kind"), (String) r.get("value"))).toList();
        if (!items.isEmpty()) {
            write((cypher, params) -> client.query(cypher).bindAll(params).fetchAs(List.class)
                    .mappedBy((t, r) -> r.get("ids").asList(Value::asString)).one().orElse(List.of()), ItemFacetStore.read(client), items);
        }
    }

    /**
     * Classifies every item not classified yet whose kind declares a value scheme or (into generated family concepts) a
     * family rule; returns the ids of those it classified, whose reports' signatures are stale if they had any.
     */
    public static List<String> classifyAll(SimpleQueryRunner tx) {
        ItemFacets facets = ItemFacetStore.read(tx);
        List<String> kinds = facets.kinds().stream().filter(k -> k.valueScheme() != null || FamilyConcepts.generates(k)).map(ItemKind::kind).toList();
        List<FamilyConcepts.ItemRow> items = tx.run(UNCLASSIFIED, Map.of("kinds", kinds)).list(ItemClassification::row);
        return items.isEmpty() ? List.of() : write(tx, facets, items);
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

    private static FamilyConcepts.ItemRow row(Record r) {
        return new FamilyConcepts.ItemRow(r.get("id").asString(), r.get("kind").asString(), r.get("value").asString());
    }

    /** Runs one statement that returns the ids it classified, in the caller's transaction, whichever client it holds. */
    private interface Writer {
        List<?> run(String cypher, Map<String, Object> parameters);
    }

    private static List<String> write(SimpleQueryRunner tx, ItemFacets facets, List<FamilyConcepts.ItemRow> items) {
        return write((cypher, params) -> tx.run(cypher, params).single().get("ids").asList(Value::asString), facets, items);
    }

    /**
     * Items of a kind with a value scheme by label first; of a kind with a family rule and no scheme, into its generated
     * family concept ({@link FamilyConcepts}). Returns the ids of the items it classified (a label no concept carries
     * classifies nothing).
     */
    private static List<String> write(Writer writer, ItemFacets facets, List<FamilyConcepts.ItemRow> items) {
        List<Map<String, Object>> byLabel = new ArrayList<>();
        for (FamilyConcepts.ItemRow item : items) {
            facets.kind(item.kind()).map(ItemKind::valueScheme).ifPresent(scheme -> byLabel.add(Map.of("id", item.id(),
                    "label", TagLabel.normalize(item.value()), "scheme", scheme)));
        }
        List<Map<String, Object>> byFamily = FamilyConcepts.rows(facets, items);
        List<String> classified = new ArrayList<>();
        if (!byLabel.isEmpty()) {
            writer.run(CLASSIFY, Map.of("rows", byLabel)).forEach(id -> classified.add((String) id));
        }
        for (int from = 0; from < byFamily.size(); from += BATCH) {
            List<Map<String, Object>> batch = byFamily.subList(from, Math.min(byFamily.size(), from + BATCH));
            writer.run(FamilyConcepts.CONCEPTS, Map.of("rows", FamilyConcepts.concepts(batch)));
            writer.run(FamilyConcepts.CLASSIFY, Map.of("rows", batch)).forEach(id -> classified.add((String) id));
        }
        return classified;
    }
}
