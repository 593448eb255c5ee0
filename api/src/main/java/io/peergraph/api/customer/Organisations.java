package io.peergraph.api.customer;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Invitation;
import io.peergraph.graph.customer.Member;
import io.peergraph.graph.customer.MemberRules;
import io.peergraph.graph.customer.Membership;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Founding organisations and managing who belongs to them, by the rules of {@link MemberRules}. Nobody is added to an
 * organisation by someone else: they are invited (by handle, whether or not anyone has it, and the answer never says)
 * and become a member when they accept, within {@code peergraph.organisations.invitation-expiry} (14 days unless
 * configured) of the invitation's last sending; after that it is as if there were none (inviting again renews it).
 * Each change takes the organisation's lock first, so the owner count it is checked against is the current one, and
 * is audited in the same transaction: every role given, changed or taken away as MEMBER_ROLE_CHANGED (target: the
 * organisation; summary: whose role, from what to what), invitations as MEMBER_INVITED, INVITATION_DECLINED and
 * INVITATION_CANCELLED.
 */
@Component
@RetriedWhenGraphBusy
public class Organisations {

    static final String ROLE_CHANGED = "MEMBER_ROLE_CHANGED";

    private final CustomerStore customers;
    private final AuditTrail audit;
    private final Duration invitationsLast;
    private final Clock clock;

    /** {@code invitationsLast}: how long an invitation may be accepted after it was sent (or sent again). */
    @Autowired
    public Organisations(CustomerStore customers, AuditTrail audit,
                         @Value("${peergraph.organisations.invitation-expiry:P14D}") Duration invitationsLast) {
        this(customers, audit, invitationsLast, Clock.systemUTC());
    }

    Organisations(CustomerStore customers, AuditTrail audit, Duration invitationsLast, Clock clock) {
        if (invitationsLast.isNegative() || invitationsLast.isZero()) {
            throw new IllegalArgumentException("peergraph.organisations.invitation-expiry must be positive, not " + invitationsLast);
        }
        this.customers = customers;
        this.audit = audit;
        this.invitationsLast = invitationsLast;
        this.clock = clock;
    }

    /** Invitations sent at or before this moment have expired: they answer as if they did not exist. */
    private ZonedDateTime sentAfter() {
        return ZonedDateTime.now(clock).minus(invitationsLast);
    }

    @Transactional
    public Customer found(Caller caller, String displayName) {
        Customer org = customers.createOrganisation(caller.customerId(), displayName);
        audit.record(caller.customerId(), ROLE_CHANGED, org.id(), caller.customerId() + ": none → OWNER (founded the organisation)");
        return org;
    }

    /** The members, for a member of any role. */
    @Transactional(readOnly = true)
    public List<Member> members(Caller caller, String organisationId) {
        requireRole(caller, organisationId);
        return customers.members(organisationId);
    }

    /** The pending invitations, for owners and admins. */
    @Transactional(readOnly = true)
    public List<Invitation> invitations(Caller caller, String organisationId) {
        if (!manages(requireRole(caller, organisationId))) {
            throw new ApiException.Forbidden("Only the organisation's owners and admins see its invitations.");
        }
        return customers.invitationsOf(organisationId, sentAfter());
    }

    /** The caller's own pending invitations. */
    @Transactional(readOnly = true)
    public List<Invitation> invitationsFor(Caller caller) {
        return customers.loginOf(caller.customerId()).map(l -> customers.invitationsFor(l.issuer(), l.subject(), sentAfter())).orElse(List.of());
    }

    @Transactional
    public Invitation invite(Caller caller, String organisationId, String handle, Membership.Role role) {
        Membership.Role mine = lockAndRequireRole(caller, organisationId);
        reject(MemberRules.invite(mine, role));
        if (memberWithHandle(organisationId, handle).isPresent()) {
            throw new ApiException.Conflict(handle + " is already a member: change their role with setMember.");
        }
        // Addressed at the issuer the inviter signs in with: the one the service trusts.
        CustomerStore.Login inviter = customers.loginOf(caller.customerId()).orElseThrow();
        Invitation invitation = customers.invite(organisationId, inviter.issuer(), handle, role, caller.customerId());
        audit.record(caller.customerId(), "MEMBER_INVITED", organisationId, "invitation " + invitation.id() + " as " + role);
        return invitation;
    }

    @Transactional
    public Membership accept(Caller caller, String invitationId) {
        Invitation invitation = own(caller, invitationId);
        String organisationId = invitation.organisationId();
        customers.lockMembers(organisationId);
        Optional<Membership.Role> already = customers.roleIn(caller.customerId(), organisationId);
        Customer org = customers.organisation(organisationId).orElseThrow(() -> new ApiException.NotFound("invitation", invitationId));
        if (already.isPresent()) {
            // Accepting never changes a role: that is setMember's, under its rules.
            customers.deleteInvitation(invitationId);
            return new Membership(org, already.get());
        }
        customers.accept(invitationId, caller.customerId());
        audit.record(caller.customerId(), ROLE_CHANGED, organisationId,
                caller.customerId() + ": none → " + invitation.role() + " (accepted invitation " + invitationId + ")");
        return new Membership(org, invitation.role());
    }

    @Transactional
    public boolean decline(Caller caller, String invitationId) {
        Invitation invitation = own(caller, invitationId);
        customers.deleteInvitation(invitationId);
        audit.record(caller.customerId(), "INVITATION_DECLINED", invitation.organisationId(), "invitation " + invitationId + " declined");
        return true;
    }

    @Transactional
    public boolean cancel(Caller caller, String invitationId) {
        var pending = customers.invitation(invitationId, sentAfter());
        // Not one of the caller's organisations' invitations: as if there were none.
        Membership.Role mine = pending.flatMap(p -> customers.roleIn(caller.customerId(), p.invitation().organisationId())).orElse(null);
        if (mine == null) {
            throw new ApiException.NotFound("invitation", invitationId);
        }
        reject(MemberRules.invite(mine, pending.get().invitation().role()));
        customers.deleteInvitation(invitationId);
        audit.record(caller.customerId(), "INVITATION_CANCELLED", pending.get().invitation().organisationId(),
                "invitation " + invitationId + " cancelled");
        return true;
    }

    @Transactional
    public Membership changeRole(Caller caller, String organisationId, String handle, Membership.Role role) {
        Membership.Role mine = lockAndRequireRole(caller, organisationId);
        List<Member> members = customers.members(organisationId);
        Member member = memberWithHandle(members, handle);
        reject(MemberRules.changeRole(mine, member.role(), role, members));
        Customer org = customers.organisation(organisationId).orElseThrow();
        if (member.role() != role) {
            customers.changeRole(organisationId, member.customerId(), role);
            audit.record(caller.customerId(), ROLE_CHANGED, organisationId, member.customerId() + ": " + member.role() + " → " + role);
        }
        return new Membership(org, role);
    }

    @Transactional
    public boolean remove(Caller caller, String organisationId, String handle) {
        Membership.Role mine = lockAndRequireRole(caller, organisationId);
        List<Member> members = customers.members(organisationId);
        Member member = memberWithHandle(members, handle);
        boolean self = member.customerId().equals(caller.customerId());
        reject(MemberRules.remove(mine, member.role(), self, members));
        customers.removeMember(organisationId, member.customerId());
        audit.record(caller.customerId(), ROLE_CHANGED, organisationId,
                member.customerId() + ": " + member.role() + " → none (" + (self ? "left" : "removed") + ")");
        return true;
    }

    @Transactional
    public boolean leave(Caller caller, String organisationId) {
        Membership.Role mine = lockAndRequireRole(caller, organisationId);
        List<Member> members = customers.members(organisationId);
        reject(MemberRules.remove(mine, mine, true, members));
        customers.removeMember(organisationId, caller.customerId());
        audit.record(caller.customerId(), ROLE_CHANGED, organisationId, caller.customerId() + ": " + mine + " → none (left)");
        return true;
    }

    /** The caller's pending invitation; NOT_FOUND for anyone else's and for an expired one, exactly as for one that does not exist. */
    private Invitation own(Caller caller, String invitationId) {
        var login = customers.loginOf(caller.customerId());
        return customers.invitation(invitationId, sentAfter())
                .filter(p -> login.isPresent() && p.issuer().equals(login.get().issuer()) && p.subject().equals(login.get().subject()))
                .map(CustomerStore.PendingInvitation::invitation)
                .orElseThrow(() -> new ApiException.NotFound("invitation", invitationId));
    }

    private Membership.Role lockAndRequireRole(Caller caller, String organisationId) {
        customers.lockMembers(organisationId);
        return requireRole(caller, organisationId);
    }

    /** The caller's role; FORBIDDEN alike when the organisation does not exist and when they are not in it. */
    private Membership.Role requireRole(Caller caller, String organisationId) {
        return customers.roleIn(caller.customerId(), organisationId)
                .orElseThrow(() -> new ApiException.Forbidden("You are not a member of organisation " + organisationId + "."));
    }

    private Optional<Member> memberWithHandle(String organisationId, String handle) {
        return customers.members(organisationId).stream().filter(m -> handle.equals(m.handle())).findFirst();
    }

    private static Member memberWithHandle(List<Member> members, String handle) {
        return members.stream().filter(m -> handle.equals(m.handle())).findFirst()
                .orElseThrow(() -> new ApiException.BadUserInput("handle", "no member of this organisation has this handle"));
    }

    private static boolean manages(Membership.Role role) {
        return role == Membership.Role.OWNER || role == Membership.Role.ADMIN;
    }

    private static void reject(Optional<MemberRules.Rejection> rejection) {
        rejection.ifPresent(r -> {
            throw switch (r.kind()) {
                case FORBIDDEN -> new ApiException.Forbidden(r.reason());
                case LAST_OWNER -> new ApiException.Conflict(r.reason());
            };
        });
    }
}
