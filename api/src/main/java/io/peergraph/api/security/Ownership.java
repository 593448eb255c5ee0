package io.peergraph.api.security;

import io.peergraph.api.audit.SupportReads;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.access.Access;
import io.peergraph.graph.access.AccessQuery;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Membership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Checks that the caller may read or change someone's stuff: their own, or their organisation's by role. */
@Component
public class Ownership {

    private final AccessQuery access;
    private final CustomerStore customers;
    private final SupportReads supportReads;

    public Ownership(AccessQuery access, CustomerStore customers, SupportReads supportReads) {
        this.access = access;
        this.customers = customers;
        this.supportReads = supportReads;
    }

    /** NOT_FOUND when there is no such thing, FORBIDDEN when it is not the caller's to change. */
    public void requireWrite(Caller caller, String thingId, String what) {
        if (!of(caller, thingId, what).canWrite()) {
            throw new ApiException.Forbidden("This " + what + " is not yours to change.");
        }
    }

    /**
     * NOT_FOUND when there is no such thing, FORBIDDEN unless it is the caller's (or their organisation's) or the
     * caller is support staff, who read customers' stuff to help them (each such read is audited).
     */
    public void requireRead(Caller caller, String thingId, String what) {
        Access access = of(caller, thingId, what);
        if (!Visibility.seesWhole(staffOnly(caller), access)) {
            throw new ApiException.Forbidden("This " + what + " is not yours.");
        }
        if (!access.canRead()) {
            supportReads.record(caller.customerId(), thingId, what);
        }
    }

    /**
     * The caller as {@link Visibility} sees them, with the organisations they belong to (one query): for rules
     * applied to many things at once, such as a search's filter.
     */
    public Viewer viewer(Caller caller) {
        if (caller.has(Role.SUPPORT)) {
            return Viewer.support(caller.customerId());
        }
        Map<String, Membership.Role> organisations = new HashMap<>();
        customers.memberships(List.of(caller.customerId())).getOrDefault(caller.customerId(), List.of())
                .forEach(m -> organisations.put(m.organisation().id(), m.role()));
        return Viewer.member(caller.customerId(), organisations);
    }

    /** The caller without their memberships, where the access to the one thing in question is known already. */
    private static Viewer staffOnly(Caller caller) {
        return caller.has(Role.SUPPORT) ? Viewer.support(caller.customerId()) : Viewer.customer(caller.customerId());
    }

    /** The caller sees the existing thing whole ({@link Visibility#seesWhole}); NOT_FOUND when there is none. */
    public boolean seesWhole(Caller caller, String thingId, String what) {
        return Visibility.seesWhole(staffOnly(caller), of(caller, thingId, what));
    }

    /** The caller's access to an existing thing; NOT_FOUND when there is none. */
    public Access of(Caller caller, String thingId, String what) {
        return access.of(caller.customerId(), thingId).orElseThrow(() -> new ApiException.NotFound(what, thingId));
    }

    /** Of these things (all of one type), the ones the caller owns or shares through an organisation: one query. */
    public java.util.Set<String> readable(Caller caller, java.util.Collection<String> thingIds) {
        return thingIds.isEmpty() ? java.util.Set.of() : access.readable(caller.customerId(), thingIds);
    }

    /**
     * The owner to create something for: the caller, or an organisation in which the caller may manage stuff.
     */
    public String ownerFor(Caller caller, String organisationId) {
        if (organisationId == null || organisationId.equals(caller.customerId())) {
            return caller.customerId();
        }
        Membership.Role role = customers.roleIn(caller.customerId(), organisationId)
                .orElseThrow(() -> new ApiException.Forbidden("You are not a member of organisation " + organisationId + "."));
        if (role == Membership.Role.VIEWER) {
            throw new ApiException.Forbidden("Viewers cannot add to the organisation's stuff.");
        }
        return organisationId;
    }
}
