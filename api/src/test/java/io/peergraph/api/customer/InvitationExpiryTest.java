package io.peergraph.api.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Membership;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Invitations expire (issue 16): one sent more than the configured time ago (14 days by default) can be neither seen
 * nor accepted, declined or cancelled, and answers exactly like one that never existed; inviting the same person
 * again renews it. The invitation is sent through the running service; the same use case is then asked with its
 * clock moved on, against the same store.
 */
@ApiTest
class InvitationExpiryTest {

    private static final String INVITE = "mutation($o: ID!, $h: String!, $r: MemberRole!) { inviteMember(organisation: $o, handle: $h, role: $r) { id } }";

    @Autowired GraphQlHttp api;
    @Autowired CustomerStore customers;
    @Autowired AuditTrail audit;

    private final String u = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anInvitationOlderThanTheExpiryAnswersLikeAMissingOneUntilSentAgain() {
        String ownerHandle = "owner-" + u;
        String inviteeHandle = "invitee-" + u;
        String ownerToken = api.token(ownerHandle, List.of(Role.CUSTOMER));
        String organisation = api.organisation(ownerToken, "Expiring " + u);
        String invitation = invite(ownerToken, organisation, inviteeHandle);
        Caller owner = caller(ownerToken, ownerHandle);
        Caller invitee = caller(api.token(inviteeHandle, List.of(Role.CUSTOMER)), inviteeHandle);

        Organisations day13 = after(Duration.ofDays(13));
        assertThat(day13.invitationsFor(invitee)).extracting(i -> i.id()).containsExactly(invitation);
        assertThat(day13.invitations(owner, organisation)).extracting(i -> i.id()).containsExactly(invitation);

        Organisations day15 = after(Duration.ofDays(15));
        assertThat(day15.invitationsFor(invitee)).isEmpty();
        assertThat(day15.invitations(owner, organisation)).isEmpty();
        String missing = "inv_" + "a".repeat(26);
        for (var attempt : List.<java.util.function.BiConsumer<Organisations, String>>of(
                (o, id) -> o.accept(invitee, id), (o, id) -> o.decline(invitee, id), (o, id) -> o.cancel(owner, id))) {
            Throwable expired = catchThrown(() -> attempt.accept(day15, invitation));
            Throwable neverSent = catchThrown(() -> attempt.accept(day15, missing));
            assertThat(expired).isInstanceOf(ApiException.NotFound.class);
            assertThat(expired.getMessage()).isEqualTo(neverSent.getMessage().replace(missing, invitation));
        }
        assertThat(customers.roleIn(invitee.customerId(), organisation)).as("an expired invitation makes nobody a member").isEmpty();

        // Sent again: valid for another 14 days from now, and accepted.
        assertThat(invite(ownerToken, organisation, inviteeHandle)).isEqualTo(invitation);
        Organisations tomorrow = after(Duration.ofDays(1));
        assertThat(tomorrow.accept(invitee, invitation).role()).isEqualTo(Membership.Role.MEMBER);
        assertThat(customers.roleIn(invitee.customerId(), organisation)).contains(Membership.Role.MEMBER);
    }

    @Test
    void theExpiryMustBePositive() {
        assertThatThrownBy(() -> new Organisations(customers, audit, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The use case as it answers {@code later} than now, with the default expiry. */
    private Organisations after(Duration later) {
        return new Organisations(customers, audit, Duration.ofDays(14), Clock.offset(Clock.systemUTC(), later));
    }

    private String invite(String token, String organisation, String handle) {
        return api.post(token, INVITE, Map.of("o", organisation, "h", handle, "r", "MEMBER")).data().path("inviteMember").path("id").asText();
    }

    private Caller caller(String token, String handle) {
        String id = api.post(token, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        return new Caller(id, handle, Set.of(Role.CUSTOMER));
    }

    private static Throwable catchThrown(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
