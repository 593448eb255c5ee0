package io.peergraph.graph.notification;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * What customers follow: {@code (:Customer)-[:FOLLOWS]->(thing)}. The relationship is the subscription index:
 * matching an event walks from the thing it touches to its followers, never over customers.
 */
public class Follows {

    /** Things one may follow. Items and configurations only one's own (checked by the caller). */
    public static final Set<PublicId> FOLLOWABLE = EnumSet.of(PublicId.PRODUCT, PublicId.SYMPTOM, PublicId.CONFIG_ITEM,
            PublicId.TAG, PublicId.CONCEPT, PublicId.ITEM, PublicId.CONFIGURATION);

    /** A limit that keeps one customer's follows from turning into a scan. */
    public static final int MAX_PER_CUSTOMER = 500;

    public record Followed(String thingId, String name, ZonedDateTime since) {}

    private final Neo4jClient client;

    public Follows(Neo4jClient client) {
        this.client = client;
    }

    /** Follows the thing; empty when there is no such thing. Following twice is one follow. */
    public Optional<Followed> follow(String customerId, String thingId) {
        String label = label(thingId);
        return client.query("""
                        MATCH (c:Customer {id: $customerId}), (thing:%s {id: $thingId})
                        MERGE (c)-[f:FOLLOWS]->(thing)
                        ON CREATE SET f.at = datetime()
                        RETURN thing.id AS id, %s AS name, f.at AS at
                        """.formatted(label, NAME)).bindAll(Map.of("customerId", customerId, "thingId", thingId))
                .fetchAs(Followed.class).mappedBy((t, r) -> new Followed(r.get("id").asString(), r.get("name").asString(null),
                        r.get("at").asZonedDateTime())).one();
    }

    /** True when there was a follow to remove. */
    public boolean unfollow(String customerId, String thingId) {
        return client.query("""
                        MATCH (:Customer {id: $customerId})-[f:FOLLOWS]->(thing {id: $thingId})
                        DELETE f RETURN count(*) AS n
                        """).bindAll(Map.of("customerId", customerId, "thingId", thingId))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L) > 0;
    }

    public long count(String customerId) {
        return client.query("MATCH (c:Customer {id: $customerId}) RETURN COUNT { (c)-[:FOLLOWS]->() } AS n").bind(customerId).to("customerId")
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /**
     * Everything the customer follows, newest first (bounded by {@link #MAX_PER_CUSTOMER}). A customer's symptom they
     * may no longer see (its approval undone since they followed it: SymptomVisibility) is listed without its name.
     */
    public List<Followed> of(String customerId) {
        return List.copyOf(client.query("""
                        MATCH (:Customer {id: $customerId})-[f:FOLLOWS]->(thing)
                        RETURN thing.id AS id, CASE WHEN thing:Symptom AND NOT %s THEN null ELSE %s END AS name, f.at AS at
                        ORDER BY f.at DESC, thing.id
                        """.formatted(SymptomVisibility.shownTo("thing", "$customerId"), NAME)).bind(customerId).to("customerId")
                .fetchAs(Followed.class).mappedBy((t, r) -> new Followed(r.get("id").asString(), r.get("name").asString(null),
                        r.get("at").asZonedDateTime())).all());
    }

    /** A display name whatever the kind of thing (items and configurations are the follower's own). */
    private static final String NAME = """
            coalesce(thing.name, thing.label, thing.prefLabel_en, thing.prefLabel, thing.nickname,
                     CASE WHEN thing.kind IS NOT NULL AND thing.value IS NOT NULL THEN thing.kind + ' ' + thing.value END)""";

    private static String label(String thingId) {
        return PublicId.typeOf(thingId).filter(FOLLOWABLE::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not a followable thing: " + thingId));
    }
}
