package io.peergraph.api.customer;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.Invitation;
import io.peergraph.graph.customer.Member;
import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.id.PublicId;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Organisations: founding one, its members and roles, invitations (the rules: {@link Organisations}). */
@Controller
public class OrganisationController {

    /** Longest handle an invitation may name: the longest token subject the service accepts (CallerResolver). */
    private static final int HANDLE_MAX = 200;

    private final CallerResolver callers;
    private final Organisations organisations;

    public OrganisationController(CallerResolver callers, Organisations organisations) {
        this.callers = callers;
        this.organisations = organisations;
    }

    @MutationMapping
    public Customer createOrganisation(@Argument String displayName) {
        return organisations.found(callers.current(), Inputs.requiredLine("displayName", displayName, Inputs.NAME_MAX));
    }

    @QueryMapping
    public List<Member> organisationMembers(@Argument String organisation) {
        return organisations.members(callers.current(), organisationId(organisation));
    }

    @QueryMapping
    public List<Invitation> organisationInvitations(@Argument String organisation) {
        return organisations.invitations(callers.current(), organisationId(organisation));
    }

    @MutationMapping
    public Invitation inviteMember(@Argument String organisation, @Argument String handle, @Argument Membership.Role role) {
        return organisations.invite(callers.current(), organisationId(organisation), handle(handle), role);
    }

    @MutationMapping
    public Membership acceptInvitation(@Argument String invitation) {
        return organisations.accept(callers.current(), invitationId(invitation));
    }

    @MutationMapping
    public boolean declineInvitation(@Argument String invitation) {
        return organisations.decline(callers.current(), invitationId(invitation));
    }

    @MutationMapping
    public boolean cancelInvitation(@Argument String invitation) {
        return organisations.cancel(callers.current(), invitationId(invitation));
    }

    @MutationMapping
    public Membership setMember(@Argument String organisation, @Argument String handle, @Argument Membership.Role role) {
        return organisations.changeRole(callers.current(), organisationId(organisation), handle(handle), role);
    }

    @MutationMapping
    public boolean removeMember(@Argument String organisation, @Argument String handle) {
        return organisations.remove(callers.current(), organisationId(organisation), handle(handle));
    }

    @MutationMapping
    public boolean leaveOrganisation(@Argument String organisation) {
        return organisations.leave(callers.current(), organisationId(organisation));
    }

    private static String organisationId(String id) {
        return Inputs.id("organisation", id, PublicId.CUSTOMER);
    }

    private static String invitationId(String id) {
        return Inputs.id("invitation", id, PublicId.INVITATION);
    }

    private static String handle(String handle) {
        return Inputs.requiredLine("handle", handle, HANDLE_MAX);
    }
}
