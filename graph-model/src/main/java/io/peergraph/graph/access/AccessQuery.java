package io.peergraph.graph.access;

import io.peergraph.graph.id.PublicId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Works out a customer's {@link Access} to a node that someone owns (item, configuration, report, …). */
public final class AccessQuery {

    // Ownership is OWNS for stuff, REPORTED for reports, PROPOSED for solutions, CONFIRMED for confirmations.
    private static final String ACCESS = """
            MATCH (thing:%s {id: $thingId})
            OPTIONAL MATCH (owner:Customer)-[:OWNS|REPORTED|PROPOSED|CONFIRMED]->(thing)
            OPTIONAL MATCH (:Customer {id: $callerId})-[m:MEMBER_OF]->(owner)
            RETURN CASE
                     WHEN owner.id = $callerId THEN 'WRITE'
                     WHEN m.role IN ['OWNER', 'ADMIN', 'MEMBER'] THEN 'WRITE'
                     WHEN m.role = 'VIEWER' THEN 'READ'
                     ELSE 'NONE' END AS access
            ORDER BY CASE access WHEN 'WRITE' THEN 0 WHEN 'READ' THEN 1 ELSE 2 END
            LIMIT 1
            """;

    // The batch form for reads: which of these things the caller owns or shares as a member of the owning
    // organisation (any role reads). Seeks each thing through the <label>_id uniqueness constraint.
    private static final String READABLE = """
            UNWIND $thingIds AS thingId
            MATCH (owner:Customer)-[:OWNS|REPORTED|PROPOSED|CONFIRMED]->(thing:%s {id: thingId})
            WHERE owner.id = $callerId OR EXISTS { (:Customer {id: $callerId})-[:MEMBER_OF]->(owner) }
            RETURN DISTINCT thing.id AS id
            """;

    /** Things that have an owner. */
    public static final Set<PublicId> OWNED = EnumSet.of(
            PublicId.ITEM, PublicId.CONFIGURATION, PublicId.REPORT, PublicId.SOLUTION, PublicId.CONFIRMATION);

    private final Neo4jClient client;

    public AccessQuery(Neo4jClient client) {
        this.client = client;
    }

    /** Empty when no such node exists. */
    public Optional<Access> of(String callerId, String thingId) {
        String label = PublicId.typeOf(thingId).filter(OWNED::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not an owned thing: " + thingId));
        return client.query(ACCESS.formatted(label)).bindAll(Map.of("callerId", callerId, "thingId", thingId))
                .fetchAs(Access.class).mappedBy((types, row) -> Access.valueOf(row.get("access").asString()))
                .one();
    }

    /**
     * Of these things (all of one owned type), the ones the caller may read as owner or organisation member, in one
     * query however many there are.
     */
    public Set<String> readable(String callerId, Collection<String> thingIds) {
        if (thingIds.isEmpty()) {
            return Set.of();
        }
        Set<String> labels = thingIds.stream().map(id -> PublicId.typeOf(id).filter(OWNED::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not an owned thing: " + id))).collect(Collectors.toSet());
        if (labels.size() != 1) {
            throw new IllegalArgumentException("things of one type only: " + labels);
        }
        return Set.copyOf(client.query(READABLE.formatted(labels.iterator().next()))
                .bindAll(Map.of("callerId", callerId, "thingIds", List.copyOf(thingIds)))
                .fetchAs(String.class).mappedBy((types, row) -> row.get("id").asString()).all());
    }
}
