package io.peergraph.graph.customer;

import io.peergraph.graph.id.PublicId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.types.MapAccessor;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Customers and organisation memberships.
 *
 * <p>Two namespaces that never meet: a <b>person</b> is the token's issuer and subject together ({@code issuer},
 * {@code subject}, unique together: constraint customer_login); an <b>organisation</b> has an id and a handle that
 * nobody chooses (its id). The {@code handle} property is only the natural key that imports and admin tools use; no
 * sign-in ever finds a customer by it, except to claim a person stored before issuers were recorded (see
 * {@link #signIn(String, String)}).
 */
public class CustomerStore {

    /** The embedded issuer's default name ({@code peergraph.security.local-issuer}): what {@link #signIn(String)} uses. */
    public static final String DEFAULT_LOCAL_ISSUER = "peergraph-local";

    private final Neo4jClient client;

    public CustomerStore(Neo4jClient client) {
        this.client = client;
    }

    /** The map projection of a customer bound to {@code var}: a person's handle is their login subject once known. */
    static String fields(String var) {
        return "%1$s {.id, handle: coalesce(%1$s.subject, %1$s.handle), .displayName, .kind, .createdAt}".formatted(var);
    }

    /** How a sign-in found its person. */
    public enum SignInOutcome {
        /** This issuer and subject had signed in before. */
        KNOWN,
        /** A person stored without an issuer (imported, or signed in before issuers were recorded) with this handle. */
        CLAIMED,
        /** A new person. */
        CREATED
    }

    /** A person and how the sign-in found them. */
    public record SignIn(Customer customer, SignInOutcome outcome) {}

    /**
     * The person behind a token, created on first sight: an identity provider vouches for the person, so there is
     * no separate sign-up step. Found by issuer <em>and</em> subject only, so that nothing a customer can create (an
     * organisation, a handle) is ever what somebody else signs in as. A <em>person</em> stored before issuers were
     * recorded, or created by an import, has only a handle: the first sign-in whose subject is that handle claims
     * it (records issuer and subject), which keeps existing customers and the import format working; organisations
     * are never claimed. A new person's handle is their subject when no customer holds that handle yet (imports
     * may then refer to them by it), else none. Concurrent first sign-ins converge through the constraint
     * customer_login, which MERGE locks on.
     */
    public SignIn signIn(String issuer, String subject) {
        Map<String, Object> p = Map.of("issuer", issuer, "subject", subject, "id", PublicId.CUSTOMER.random());
        Optional<Customer> known = client.query("MATCH (c:Customer {issuer: $issuer, subject: $subject}) RETURN " + fields("c") + " AS c")
                .bindAll(p).fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one();
        if (known.isPresent()) {
            return new SignIn(known.get(), SignInOutcome.KNOWN);
        }
        Optional<Customer> claimed = client.query("""
                        MATCH (c:Customer {handle: $subject})
                        WHERE c.issuer IS NULL AND coalesce(c.kind, 'PERSON') = 'PERSON'
                        SET c.issuer = $issuer, c.subject = $subject, c.updatedAt = datetime()
                        RETURN %s AS c
                        """.formatted(fields("c")))
                .bindAll(p).fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one();
        if (claimed.isPresent()) {
            return new SignIn(claimed.get(), SignInOutcome.CLAIMED);
        }
        Customer created = client.query("""
                        OPTIONAL MATCH (holder:Customer {handle: $subject})
                        WITH holder IS NOT NULL AS taken LIMIT 1
                        MERGE (c:Customer {issuer: $issuer, subject: $subject})
                        ON CREATE SET c.id = $id, c.handle = CASE WHEN taken THEN null ELSE $subject END, c.displayName = $subject,
                                      c.kind = 'PERSON', c.createdAt = datetime(), c.updatedAt = datetime()
                        RETURN %s AS c
                        """.formatted(fields("c")))
                .bindAll(p).fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one().orElseThrow();
        return new SignIn(created, SignInOutcome.CREATED);
    }

    /** A person of the embedded issuer under its default name, signed in by subject: for tests and tools. */
    public Customer signIn(String subject) {
        return signIn(DEFAULT_LOCAL_ISSUER, subject).customer();
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
        return client.query("MATCH (c:Customer {id: $id}) RETURN " + fields("c") + " AS c")
                .bind(id).to("id").fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one();
    }

    /** Organisations the customers belong to, per customer id (one query for a whole batch). */
    public Map<String, List<Membership>> memberships(Collection<String> customerIds) {
        var rows = client.query("""
                        UNWIND $ids AS id
                        MATCH (:Customer {id: id})-[m:MEMBER_OF]->(org:Customer)
                        RETURN id, %s AS org, m.role AS role ORDER BY org.displayName, org.id
                        """.formatted(fields("org")))
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

    /**
     * Creates an organisation owned by {@code founderId}, who becomes its OWNER. Its id is random and its handle is
     * its id: no caller chooses a name in the namespace of persons or of imports, so an organisation can neither
     * take somebody's login nor tell anyone which names exist.
     */
    public Customer createOrganisation(String founderId, String displayName) {
        String id = PublicId.CUSTOMER.random();
        return client.query("""
                        MATCH (founder:Customer {id: $founderId})
                        CREATE (org:Customer {id: $id, handle: $id, displayName: $displayName, kind: 'ORGANISATION',
                                              createdAt: datetime(), updatedAt: datetime()})
                        CREATE (founder)-[:MEMBER_OF {role: 'OWNER', since: datetime()}]->(org)
                        RETURN %s AS c
                        """.formatted(fields("org")))
                .bindAll(Map.of("founderId", founderId, "id", id, "displayName", displayName))
                .fetchAs(Customer.class).mappedBy((t, r) -> map(r.get("c"))).one().orElseThrow();
    }

    /** The role {@code customerId} holds in {@code organisationId}, if any. */
    public Optional<Membership.Role> roleIn(String customerId, String organisationId) {
        return client.query("MATCH (:Customer {id: $c})-[m:MEMBER_OF]->(:Customer {id: $o}) RETURN m.role AS role")
                .bindAll(Map.of("c", customerId, "o", organisationId))
                .fetchAs(Membership.Role.class).mappedBy((t, r) -> Membership.Role.valueOf(r.get("role").asString())).one();
    }

    /** The organisation with this id; empty when there is none or the id is a person's. */
    public Optional<Customer> organisation(String id) {
        return byId(id).filter(c -> c.kind() == Customer.Kind.ORGANISATION);
    }

    // --- Members: every change runs in the caller's transaction, after lockMembers -----------------------------

    /**
     * Takes the organisation's write lock for the rest of the transaction, so that two member changes of one
     * organisation run one after the other: the second sees the first's owners (two owners demoting each other at
     * once would otherwise leave none). Call before reading {@link #members}; false when there is no such
     * organisation.
     */
    public boolean lockMembers(String organisationId) {
        return client.query("""
                        MATCH (org:Customer {id: $o, kind: 'ORGANISATION'})
                        SET org.membersChangedAt = datetime()
                        RETURN count(org) AS n
                        """).bind(organisationId).to("o").fetchAs(Long.class).one().orElse(0L) > 0;
    }

    /** The organisation's members, owners first, then by handle. */
    public List<Member> members(String organisationId) {
        return List.copyOf(client.query("""
                        MATCH (c:Customer)-[m:MEMBER_OF]->(:Customer {id: $o})
                        RETURN c.id AS id, coalesce(c.subject, c.handle) AS handle, c.displayName AS displayName,
                               m.role AS role, m.since AS since
                        ORDER BY CASE m.role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 WHEN 'MEMBER' THEN 2 ELSE 3 END, handle, id
                        """).bind(organisationId).to("o").fetchAs(Member.class)
                .mappedBy((t, r) -> new Member(r.get("id").asString(), r.get("handle").asString(null),
                        r.get("displayName").asString(null), Membership.Role.valueOf(r.get("role").asString()),
                        r.get("since").isNull() ? null : r.get("since").asZonedDateTime()))
                .all());
    }

    /** Sets an existing member's role (the rules are {@link MemberRules}'; the caller checked them). */
    public void changeRole(String organisationId, String memberId, Membership.Role role) {
        client.query("""
                        MATCH (:Customer {id: $m})-[r:MEMBER_OF]->(:Customer {id: $o})
                        SET r.role = $role, r.changedAt = datetime()
                        """).bindAll(Map.of("o", organisationId, "m", memberId, "role", role.name())).run();
    }

    /** Ends a membership. */
    public void removeMember(String organisationId, String memberId) {
        client.query("MATCH (:Customer {id: $m})-[r:MEMBER_OF]->(:Customer {id: $o}) DELETE r")
                .bindAll(Map.of("o", organisationId, "m", memberId)).run();
    }

    // --- Invitations -----------------------------------------------------------------------------------------------

    /**
     * Invites whoever signs in as {@code subject} at {@code issuer} to join with {@code role}; a second invitation
     * of the same person replaces the role. Written whether or not such a person exists, and never says: the
     * answer is the same for a handle nobody has. Relies on the constraint invitation_invitee.
     */
    public Invitation invite(String organisationId, String issuer, String subject, Membership.Role role, String invitedBy) {
        Map<String, Object> p = new HashMap<>();
        p.put("o", organisationId);
        p.put("issuer", issuer);
        p.put("subject", subject);
        p.put("role", role.name());
        p.put("by", invitedBy);
        p.put("id", PublicId.INVITATION.random());
        return client.query("""
                        MATCH (org:Customer {id: $o, kind: 'ORGANISATION'})
                        MERGE (i:Invitation {organisationId: $o, issuer: $issuer, subject: $subject})
                        ON CREATE SET i.id = $id, i.createdAt = datetime()
                        SET i.role = $role, i.invitedBy = $by, i.updatedAt = datetime()
                        RETURN i {.id, .organisationId, organisationName: org.displayName, handle: i.subject, .role, .createdAt} AS i
                        """).bindAll(p).fetchAs(Invitation.class).mappedBy((t, r) -> mapInvitation(r.get("i"))).one().orElseThrow();
    }

    /*
     * Invitations expire: each read below takes {@code sentAfter}, and an invitation last sent (invited, or invited
     * again) at or before it is as if it did not exist. Expired ones stay stored until their organisation invites
     * the same person again, which renews them.
     */

    /**
     * The pending invitations of the person signed in as {@code subject} at {@code issuer} sent after {@code sentAfter},
     * newest first (index invitation_to).
     */
    public List<Invitation> invitationsFor(String issuer, String subject, ZonedDateTime sentAfter) {
        return List.copyOf(client.query("""
                        MATCH (i:Invitation {issuer: $issuer, subject: $subject})
                        WHERE coalesce(i.updatedAt, i.createdAt) > $after
                        MATCH (org:Customer {id: i.organisationId})
                        RETURN i {.id, .organisationId, organisationName: org.displayName, handle: i.subject, .role, .createdAt} AS i
                        ORDER BY i.createdAt DESC, i.id
                        """).bindAll(Map.of("issuer", issuer, "subject", subject, "after", sentAfter))
                .fetchAs(Invitation.class).mappedBy((t, r) -> mapInvitation(r.get("i"))).all());
    }

    /** An organisation's pending invitations sent after {@code sentAfter}, newest first. */
    public List<Invitation> invitationsOf(String organisationId, ZonedDateTime sentAfter) {
        return List.copyOf(client.query("""
                        MATCH (org:Customer {id: $o})
                        MATCH (i:Invitation {organisationId: $o})
                        WHERE coalesce(i.updatedAt, i.createdAt) > $after
                        RETURN i {.id, .organisationId, organisationName: org.displayName, handle: i.subject, .role, .createdAt} AS i
                        ORDER BY i.createdAt DESC, i.id
                        """).bindAll(Map.of("o", organisationId, "after", sentAfter))
                .fetchAs(Invitation.class).mappedBy((t, r) -> mapInvitation(r.get("i"))).all());
    }

    /**
     * One pending invitation sent after {@code sentAfter}, with its invitee's issuer and subject, for the checks of
     * accepting, declining, cancelling.
     */
    public Optional<PendingInvitation> invitation(String invitationId, ZonedDateTime sentAfter) {
        return client.query("""
                        MATCH (i:Invitation {id: $id})
                        WHERE coalesce(i.updatedAt, i.createdAt) > $after
                        OPTIONAL MATCH (org:Customer {id: i.organisationId})
                        RETURN i {.id, .organisationId, organisationName: org.displayName, handle: i.subject, .role, .createdAt} AS i,
                               i.issuer AS issuer, i.subject AS subject
                        """).bindAll(Map.of("id", invitationId, "after", sentAfter)).fetchAs(PendingInvitation.class)
                .mappedBy((t, r) -> new PendingInvitation(mapInvitation(r.get("i")), r.get("issuer").asString(), r.get("subject").asString()))
                .one();
    }

    /** Turns the invitation into a membership of {@code memberId} with its role, and deletes it. */
    public void accept(String invitationId, String memberId) {
        client.query("""
                        MATCH (i:Invitation {id: $id}), (member:Customer {id: $m})
                        MATCH (org:Customer {id: i.organisationId})
                        MERGE (member)-[r:MEMBER_OF]->(org)
                        ON CREATE SET r.since = datetime()
                        SET r.role = i.role
                        DELETE i
                        """).bindAll(Map.of("id", invitationId, "m", memberId)).run();
    }

    /** Deletes an invitation (declined or cancelled). */
    public void deleteInvitation(String invitationId) {
        client.query("MATCH (i:Invitation {id: $id}) DELETE i").bind(invitationId).to("id").run();
    }

    static Invitation mapInvitation(MapAccessor i) {
        return new Invitation(i.get("id").asString(), i.get("organisationId").asString(), i.get("organisationName").asString(null),
                i.get("handle").asString(), Membership.Role.valueOf(i.get("role").asString()), i.get("createdAt").asZonedDateTime(null));
    }

    /** The issuer and subject of a person, when they have signed in since issuers were recorded. */
    public Optional<Login> loginOf(String customerId) {
        return client.query("MATCH (c:Customer {id: $id}) WHERE c.issuer IS NOT NULL RETURN c.issuer AS issuer, c.subject AS subject")
                .bind(customerId).to("id").fetchAs(Login.class)
                .mappedBy((t, r) -> new Login(r.get("issuer").asString(), r.get("subject").asString())).one();
    }

    /** Who a person is: the token's issuer and subject. */
    public record Login(String issuer, String subject) {}

    /** An invitation and whom it is for. */
    public record PendingInvitation(Invitation invitation, String issuer, String subject) {}

    static Customer map(MapAccessor c) {
        return new Customer(c.get("id").asString(), c.get("handle").asString(null), c.get("displayName").asString(null),
                Customer.Kind.valueOf(c.get("kind").asString("PERSON")), c.get("createdAt").asZonedDateTime(null));
    }
}
