package io.peergraph.graph.access;

import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.id.PublicId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Works out a customer's {@link Access} to a node that someone owns (item, configuration, report, …). */
public final class AccessQuery {

    // Ownership is OWNS for stuff, REPORTED for reports, PROPOSED for solutions, CONFIRMED for confirmations. The
    // facts only (is it the caller's, their roles in the owning organisation): Visibility.access decides.
    private static final String ACCESS = """
            MATCH (thing:%s {id: $thingId})
            OPTIONAL MATCH (owner:Customer)-[:OWNS|REPORTED|PROPOSED|CONFIRMED]->(thing)
            OPTIONAL MATCH (:Customer {id: $callerId})-[m:MEMBER_OF]->(owner)
            RETURN owner.id = $callerId AS owns, m.role AS role
            """;

    // The batch form for reads: which of these things the caller owns or shares as a member of the owning
    // organisation (Visibility: the roles that read). Seeks each thing through the <label>_id uniqueness constraint.
    private static final String READABLE = """
            UNWIND $thingIds AS thingId
            MATCH (owner:Customer)-[:OWNS|REPORTED|PROPOSED|CONFIRMED]->(thing:%s {id: thingId})
            WHERE """ + Visibility.cypherReadsAsOwner("owner", "$callerId") + """

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
        List<Access> rows = List.copyOf(client.query(ACCESS.formatted(label)).bindAll(Map.of("callerId", callerId, "thingId", thingId))
                .fetchAs(Access.class).mappedBy((types, row) -> Visibility.access(row.get("owns").asBoolean(false),
                        row.get("role").isNull() ? null : Membership.Role.valueOf(row.get("role").asString())))
                .all());
        // One row per (owner, membership): the best of them, WRITE before READ before NONE.
        return rows.stream().min(Comparator.naturalOrder());
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
