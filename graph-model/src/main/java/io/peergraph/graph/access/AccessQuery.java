package io.peergraph.graph.access;

import io.peergraph.graph.id.PublicId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
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
}
