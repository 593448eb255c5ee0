package io.peergraph.graph.customer;

import io.peergraph.graph.id.PublicId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.types.MapAccessor;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Customers and organisation memberships. */
public class CustomerStore {

    static final String FIELDS = "{.id, .handle, .displayName, .kind, .createdAt}";

    private final Neo4jClient client;

    public CustomerStore(Neo4jClient client) {
        this.client = client;
    }

    /**
     * The customer behind a login subject, created on first sight: an identity provider vouches for the
     * person, so there is no separate sign-up step. The id derives from the handle, so concurrent first
     * requests converge on one node (the handle constraint rejects a duplicate).
     */
    public Customer signIn(String handle) {
        return client.query("""
                        MERGE (c:Customer {handle: $handle})
                        ON CREATE SET c.id = $id, c.displayName = $handle, c.kind = 'PERSON',
                                      c.createdAt = datetime(), c.updatedAt = datetime()
                        RETURN c %s AS c
                        """.formatted(FIELDS))
                .bindAll(Map.of("handle", handle, "id", PublicId.CUSTOMER.fromKey("handle:" + handle)))
                .fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one().orElseThrow();
    }

    /**
     * Records the staff roles of the customer's latest token as labels ({@code :Moderator}, {@code :Support},
     * {@code :Admin}): notifications meant for staff (emerging tags for moderators, digests by role default) start
     * from these labels, a handful of nodes, instead of from all customers. Roles live in tokens; this is what
     * the graph last saw of them.
     */
    public void recordStaffRoles(String customerId, Collection<String> roles) {
        client.query("""
                        MATCH (c:Customer {id: $id})
                        CALL (c) { WITH c WHERE 'MODERATOR' IN $roles SET c:Moderator }
                        CALL (c) { WITH c WHERE NOT 'MODERATOR' IN $roles REMOVE c:Moderator }
                        CALL (c) { WITH c WHERE 'SUPPORT' IN $roles SET c:Support }
                        CALL (c) { WITH c WHERE NOT 'SUPPORT' IN $roles REMOVE c:Support }
                        CALL (c) { WITH c WHERE 'ADMIN' IN $roles SET c:Admin }
                        CALL (c) { WITH c WHERE NOT 'ADMIN' IN $roles REMOVE c:Admin }
                        """).bindAll(Map.of("id", customerId, "roles", List.copyOf(roles))).run();
    }

    public Optional<Customer> byId(String id) {
        return client.query("MATCH (c:Customer {id: $id}) RETURN c %s AS c".formatted(FIELDS))
                .bind(id).to("id").fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one();
    }

    /** Organisations the customers belong to, per customer id (one query for a whole batch). */
    public Map<String, List<Membership>> memberships(Collection<String> customerIds) {
        var rows = client.query("""
                        UNWIND $ids AS id
                        MATCH (:Customer {id: id})-[m:MEMBER_OF]->(org:Customer)
                        RETURN id, org %s AS org, m.role AS role ORDER BY org.handle
                        """.formatted(FIELDS))
                .bind(List.copyOf(customerIds)).to("ids")
                .fetchAs(MembershipOf.class)
                .mappedBy((t, r) -> new MembershipOf(r.get("id").asString(),
                        new Membership(map(r.get("org")), Membership.Role.valueOf(r.get("role").asString()))))
                .all();
        var out = new java.util.LinkedHashMap<String, List<Membership>>();
        customerIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        rows.forEach(row -> out.get(row.customerId()).add(row.membership()));
        return out;
    }

    /** One row of {@link #memberships}: whose membership it is. */
    private record MembershipOf(String customerId, Membership membership) {}

    /** Creates an organisation owned by {@code founderId}, who becomes its OWNER. */
    public Customer createOrganisation(String founderId, String handle, String displayName) {
        return client.query("""
                        MATCH (founder:Customer {id: $founderId})
                        CREATE (org:Customer {id: $id, handle: $handle, displayName: $displayName, kind: 'ORGANISATION',
                                              createdAt: datetime(), updatedAt: datetime()})
                        CREATE (founder)-[:MEMBER_OF {role: 'OWNER', since: datetime()}]->(org)
                        RETURN org %s AS c
                        """.formatted(FIELDS))
                .bindAll(Map.of("founderId", founderId, "id", PublicId.CUSTOMER.fromKey("handle:" + handle),
                        "handle", handle, "displayName", displayName))
                .fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one().orElseThrow();
    }

    /** Adds or changes a member's role; only the organisation's OWNER/ADMIN may call this (checked by the caller). */
    public void setMember(String organisationId, String memberId, Membership.Role role) {
        client.query("""
                        MATCH (org:Customer {id: $orgId, kind: 'ORGANISATION'}), (member:Customer {id: $memberId})
                        MERGE (member)-[m:MEMBER_OF]->(org)
                        ON CREATE SET m.since = datetime()
                        SET m.role = $role
                        """)
                .bindAll(Map.of("orgId", organisationId, "memberId", memberId, "role", role.name())).run();
    }

    /** The role {@code customerId} holds in {@code organisationId}, if any. */
    public Optional<Membership.Role> roleIn(String customerId, String organisationId) {
        return client.query("MATCH (:Customer {id: $c})-[m:MEMBER_OF]->(:Customer {id: $o}) RETURN m.role AS role")
                .bindAll(Map.of("c", customerId, "o", organisationId))
                .fetchAs(Membership.Role.class).mappedBy((t, r) -> Membership.Role.valueOf(r.get("role").asString())).one();
    }

    public Optional<Customer> byHandle(String handle) {
        return client.query("MATCH (c:Customer {handle: $handle}) RETURN c %s AS c".formatted(FIELDS))
                .bind(handle).to("handle").fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one();
    }

    static Customer map(MapAccessor c) {
        return new Customer(c.get("id").asString(), c.get("handle").asString(), c.get("displayName").asString(null),
                Customer.Kind.valueOf(c.get("kind").asString("PERSON")), c.get("createdAt").asZonedDateTime(null));
    }
}
