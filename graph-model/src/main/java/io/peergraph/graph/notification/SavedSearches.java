package io.peergraph.graph.notification;

import io.peergraph.graph.id.PublicId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Support staff's saved case searches: {@code (:Customer)-[:SAVED]->(:SavedSearch)}, each a case filter (the
 * filter parts of {@code searchCases}). A new or changed report that starts to match one tells its owner
 * ({@link NotificationKind#SAVED_SEARCH_MATCH}); {@code (:SavedSearch)-[:MATCHED]->(:Report)} remembers what
 * matched already, so later edits of a matching report say nothing new. Matched in the graph by
 * {@link RecipientMatcher}: saved searches are few (support staff only, {@link #MAX_PER_CUSTOMER} each).
 * Free text is not part of a saved search yet (it needs the Elasticsearch percolator to be matched the way
 * {@code searchCases} scores it).
 */
public class SavedSearches {

    /** Keeps matching a report against every saved search cheap. */
    public static final int MAX_PER_CUSTOMER = 50;

    /**
     * What a saved search selects; parts combine with AND, values within a part with OR, as in searchCases.
     * {@code symptomId} includes narrower symptoms; {@code tags} are normalised labels.
     */
    public record Filter(String productId, String symptomId, List<String> configItemIds, List<String> statuses,
                         List<String> channels, List<String> tags) {
        public Filter {
            configItemIds = configItemIds == null ? List.of() : List.copyOf(configItemIds);
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
            channels = channels == null ? List.of() : List.copyOf(channels);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        /** A filter without any part would match every report. */
        public boolean isEmpty() {
            return productId == null && symptomId == null && configItemIds.isEmpty() && statuses.isEmpty() && channels.isEmpty()
                    && tags.isEmpty();
        }
    }

    public record SavedSearch(String id, String ownerId, String name, Filter filter, ZonedDateTime createdAt) {}

    private static final String FIELDS = "s {.id, .ownerId, .name, .productId, .symptomId, .configItemIds, .statuses, .channels, .tags, .createdAt}";

    private final Neo4jClient client;

    public SavedSearches(Neo4jClient client) {
        this.client = client;
    }

    /** Saves a search for the customer; empty when they have {@link #MAX_PER_CUSTOMER} already. */
    public Optional<SavedSearch> save(String ownerId, String name, Filter filter) {
        Map<String, Object> p = new HashMap<>();
        p.put("ownerId", ownerId);
        p.put("id", PublicId.SAVED_SEARCH.fromKey(ownerId + ":" + UUID.randomUUID()));
        p.put("name", name);
        p.put("productId", filter.productId());
        p.put("symptomId", filter.symptomId());
        p.put("configItemIds", filter.configItemIds());
        p.put("statuses", filter.statuses());
        p.put("channels", filter.channels());
        p.put("tags", filter.tags());
        p.put("max", MAX_PER_CUSTOMER);
        return client.query("""
                        MATCH (c:Customer {id: $ownerId})
                        WHERE COUNT { (c)-[:SAVED]->(:SavedSearch) } < $max
                        CREATE (c)-[:SAVED]->(s:SavedSearch {id: $id, ownerId: $ownerId, name: $name, productId: $productId,
                                symptomId: $symptomId, configItemIds: $configItemIds, statuses: $statuses, channels: $channels,
                                tags: $tags, createdAt: datetime()})
                        RETURN %s AS s
                        """.formatted(FIELDS)).bindAll(p).fetchAs(SavedSearch.class).mappedBy((t, r) -> map(r.get("s"))).one();
    }

    /** The filter part naming a product, symptom or configuration item that does not exist, if any (id constraints). */
    public Optional<String> unknownReference(Filter filter) {
        Map<String, Object> p = new HashMap<>();
        p.put("productId", filter.productId());
        p.put("symptomId", filter.symptomId());
        p.put("configItemIds", filter.configItemIds());
        return client.query("""
                        RETURN CASE
                          WHEN $productId IS NOT NULL AND NOT EXISTS { MATCH (:Product {id: $productId}) } THEN 'product'
                          WHEN $symptomId IS NOT NULL AND NOT EXISTS { MATCH (:Symptom {id: $symptomId}) } THEN 'symptom'
                          WHEN size([id IN $configItemIds WHERE NOT EXISTS { MATCH (:ConfigItem {id: id}) }]) > 0 THEN 'configurationItems'
                        END AS unknown
                        """).bindAll(p).fetchAs(String.class).mappedBy((t, r) -> r.get("unknown").asString(null)).one();
    }

    /** The customer's saved searches, newest first (saved_search_owner index). */
    public List<SavedSearch> of(String ownerId) {
        return List.copyOf(client.query("""
                        MATCH (s:SavedSearch) WHERE s.ownerId = $ownerId
                        RETURN %s AS s ORDER BY s.createdAt DESC, s.id
                        """.formatted(FIELDS)).bind(ownerId).to("ownerId")
                .fetchAs(SavedSearch.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    /** Deletes the customer's saved search; false when they have none with this id. */
    public boolean delete(String ownerId, String id) {
        return client.query("""
                        MATCH (s:SavedSearch {id: $id}) WHERE s.ownerId = $ownerId
                        DETACH DELETE s
                        RETURN count(*) AS n
                        """).bindAll(Map.of("ownerId", ownerId, "id", id))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L) > 0;
    }

    private static SavedSearch map(Value s) {
        return new SavedSearch(s.get("id").asString(), s.get("ownerId").asString(), s.get("name").asString(),
                new Filter(s.get("productId").asString(null), s.get("symptomId").asString(null), s.get("configItemIds").asList(Value::asString),
                        s.get("statuses").asList(Value::asString), s.get("channels").asList(Value::asString), s.get("tags").asList(Value::asString)),
                s.get("createdAt").asZonedDateTime());
    }
}
