package io.peergraph.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Member;
import io.peergraph.graph.customer.Membership;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Only an owner changes an owner, the last owner stays, every role change is audited (issue 16, 4): the reviewer's
 * attacks (an ADMIN demoting the OWNER, the last owner leaving) over HTTP against the real service and store.
 */
@ApiTest
class OrganisationRolesTest {

    private static final String SET_MEMBER = "mutation($o: ID!, $h: String!, $r: MemberRole!) { setMember(organisation: $o, handle: $h, role: $r) { role } }";
    private static final String REMOVE = "mutation($o: ID!, $h: String!) { removeMember(organisation: $o, handle: $h) }";
    private static final String LEAVE = "mutation($o: ID!) { leaveOrganisation(organisation: $o) }";
    private static final String MEMBERS = "query($o: ID!) { organisationMembers(organisation: $o) { handle role } }";

    @Autowired GraphQlHttp api;
    @Autowired Organisations organisations;
    @Autowired CustomerStore customers;

    private final String u = UUID.randomUUID().toString().substring(0, 8);
    private final String ownerHandle = "owner-" + u;
    private final String adminHandle = "admin-" + u;
    private final String memberHandle = "member-" + u;
    private String token(String handle) {
        return api.token(handle, List.of(Role.CUSTOMER));
    }

    /** An organisation of its owner with an ADMIN and a MEMBER (each invited and accepting); its id. */
    private String organisation() {
        String organisation = api.organisation(token(ownerHandle), "Acme " + u);
        api.join(token(ownerHandle), organisation, adminHandle, token(adminHandle), "ADMIN");
        api.join(token(ownerHandle), organisation, memberHandle, token(memberHandle), "MEMBER");
        return organisation;
    }

    @Test
    void anAdminCannotDemoteRemoveOrAppointAnOwner() {
        String organisation = organisation();

        assertThat(api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", ownerHandle, "r", "VIEWER")).errorCode())
                .as("the reviewer's attack: an ADMIN demotes the OWNER").isEqualTo("FORBIDDEN");
        assertThat(api.post(token(adminHandle), REMOVE, Map.of("o", organisation, "h", ownerHandle)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", memberHandle, "r", "OWNER")).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", adminHandle, "r", "OWNER")).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(token(adminHandle), "mutation($o: ID!) { inviteMember(organisation: $o, handle: \"friend\", role: OWNER) { id } }",
                Map.of("o", organisation)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(roles(organisation)).containsEntry(ownerHandle, "OWNER").containsEntry(adminHandle, "ADMIN").containsEntry(memberHandle, "MEMBER");

        // What an ADMIN may do: manage the members who are not owners.
        assertThat(api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", memberHandle, "r", "VIEWER")).data()
                .path("setMember").path("role").asText()).isEqualTo("VIEWER");
        assertThat(api.post(token(memberHandle), SET_MEMBER, Map.of("o", organisation, "h", adminHandle, "r", "VIEWER")).errorCode())
                .as("a viewer manages nobody").isEqualTo("FORBIDDEN");
    }

    @Test
    void theLastOwnerCannotLeaveOrBeDemotedAndOnlyAnOwnerChangesAnOwner() {
        String organisation = organisation();

        assertThat(api.post(token(ownerHandle), LEAVE, Map.of("o", organisation)).errorCode()).as("the reviewer's attack: the last owner leaves")
                .isEqualTo("CONFLICT");
        assertThat(api.post(token(ownerHandle), SET_MEMBER, Map.of("o", organisation, "h", ownerHandle, "r", "ADMIN")).errorCode()).isEqualTo("CONFLICT");
        assertThat(api.post(token(ownerHandle), REMOVE, Map.of("o", organisation, "h", ownerHandle)).errorCode()).isEqualTo("CONFLICT");
        assertThat(roles(organisation)).containsEntry(ownerHandle, "OWNER");

        // Hand over: the owner appoints a second owner, who may then demote the first; the first may then leave.
        api.post(token(ownerHandle), SET_MEMBER, Map.of("o", organisation, "h", adminHandle, "r", "OWNER")).data();
        api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", ownerHandle, "r", "ADMIN")).data();
        assertThat(api.post(token(ownerHandle), LEAVE, Map.of("o", organisation)).data().path("leaveOrganisation").asBoolean()).isTrue();
        assertThat(roles(organisation)).containsOnly(Map.entry(adminHandle, "OWNER"), Map.entry(memberHandle, "MEMBER"));
        assertThat(api.post(token(adminHandle), LEAVE, Map.of("o", organisation)).errorCode()).as("now the last owner").isEqualTo("CONFLICT");
        assertThat(api.post(token(memberHandle), LEAVE, Map.of("o", organisation)).data().path("leaveOrganisation").asBoolean()).isTrue();
        assertThat(api.post(token(ownerHandle), MEMBERS, Map.of("o", organisation)).errorCode()).as("gone means gone").isEqualTo("FORBIDDEN");
    }

    @Test
    void everyRoleChangeIsAudited() {
        String organisation = organisation();
        api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", memberHandle, "r", "VIEWER")).data();
        api.post(token(ownerHandle), SET_MEMBER, Map.of("o", organisation, "h", adminHandle, "r", "OWNER")).data();
        api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", ownerHandle, "r", "ADMIN")).data();
        api.post(token(ownerHandle), LEAVE, Map.of("o", organisation)).data();
        api.post(token(adminHandle), REMOVE, Map.of("o", organisation, "h", memberHandle)).data();
        api.post(token(adminHandle), SET_MEMBER, Map.of("o", organisation, "h", adminHandle, "r", "VIEWER")); // refused: not audited as a change

        String ownerId = idOf(ownerHandle);
        String adminId = idOf(adminHandle);
        String memberId = idOf(memberHandle);
        JsonNode events = api.post(api.newCustomer(Role.ADMIN), "query { auditEvents(action: \"MEMBER_ROLE_CHANGED\", first: 100) { edges { node { by target summary } } } }")
                .data().path("auditEvents").path("edges");
        List<String> changes = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.path("node").path("target").asText().equals(organisation)) {
                changes.add(e.path("node").path("by").asText() + " " + e.path("node").path("summary").asText());
            }
        });
        assertThat(changes).containsExactlyInAnyOrder(
                ownerId + " " + ownerId + ": none → OWNER (founded the organisation)",
                adminId + " " + adminId + ": none → ADMIN (accepted invitation " + invitationIn(changes, adminId) + ")",
                memberId + " " + memberId + ": none → MEMBER (accepted invitation " + invitationIn(changes, memberId) + ")",
                adminId + " " + memberId + ": MEMBER → VIEWER",
                ownerId + " " + adminId + ": ADMIN → OWNER",
                adminId + " " + ownerId + ": OWNER → ADMIN",
                ownerId + " " + ownerId + ": ADMIN → none (left)",
                adminId + " " + memberId + ": VIEWER → none (removed)");
    }

    /**
     * Two owners demoting each other at the same moment: each change takes the organisation's lock before it reads
     * the owners, so whichever runs second sees the first's result (its actor is no longer an owner) and is refused;
     * an owner always remains. Both changes are released together by a latch, through the use case the API calls,
     * against the shared store, in 20 organisations. No timing is asserted: only outcomes.
     */
    @Test
    void twoOwnersDemotingEachOtherAtOnceAlwaysLeaveAnOwner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String first = "first-" + round + "-" + u;
                String second = "second-" + round + "-" + u;
                String organisation = api.organisation(token(first), "Pair " + round + " " + u);
                api.join(token(first), organisation, second, token(second), "OWNER");
                Caller a = new Caller(idOf(first), first, Set.of(Role.CUSTOMER));
                Caller b = new Caller(idOf(second), second, Set.of(Role.CUSTOMER));
                CountDownLatch start = new CountDownLatch(1);
                Future<String> aDemotesB = pool.submit(() -> demote(start, a, organisation, second));
                Future<String> bDemotesA = pool.submit(() -> demote(start, b, organisation, first));
                start.countDown();
                List<String> outcomes = List.of(aDemotesB.get(), bDemotesA.get());

                List<Member> members = customers.members(organisation);
                assertThat(members.stream().filter(m -> m.role() == Membership.Role.OWNER)).as("round %d: %s", round, outcomes).hasSize(1);
                assertThat(outcomes).as("round %d", round).containsOnlyOnce("demoted").containsAnyOf("FORBIDDEN", "CONFLICT");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code caller} demotes the member with {@code handle} to VIEWER once {@code start} opens: how it ended. */
    private String demote(CountDownLatch start, Caller caller, String organisation, String handle) throws InterruptedException {
        start.await();
        try {
            organisations.changeRole(caller, organisation, handle, Membership.Role.VIEWER);
            return "demoted";
        } catch (ApiException.Forbidden e) {
            return "FORBIDDEN";
        } catch (ApiException.Conflict e) {
            return "CONFLICT";
        }
    }

    /** The invitation id in the audited acceptance of {@code customerId}. */
    private static String invitationIn(List<String> changes, String customerId) {
        return changes.stream().filter(c -> c.startsWith(customerId + " " + customerId + ": none → ") && c.contains("invitation "))
                .map(c -> c.replaceAll(".*invitation (inv_[a-z2-7]+)\\).*", "$1")).findFirst().orElse("(none)");
    }

    private String idOf(String handle) {
        return api.post(token(handle), "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
    }

    private Map<String, String> roles(String organisation) {
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        api.post(token(adminHandle), MEMBERS, Map.of("o", organisation)).data().path("organisationMembers")
                .forEach(m -> roles.put(m.path("handle").asText(), m.path("role").asText()));
        return roles;
    }
}
