package io.peergraph.graph.customer;

import io.peergraph.graph.customer.Membership.Role;
import java.util.List;
import java.util.Optional;

/**
 * Who may change whose membership of an organisation. An organisation always keeps an owner, and only an owner
 * touches an owner:
 * <ul>
 *   <li>OWNER and ADMIN manage members: invite, change roles, remove; MEMBER and VIEWER manage nobody;</li>
 *   <li>only an OWNER grants OWNER (by invitation or role change), demotes an OWNER or removes one;</li>
 *   <li>the last OWNER can be neither demoted nor removed, nor leave: another member must become an owner first;</li>
 *   <li>anyone may leave (end their own membership), owners subject to the rule above.</li>
 * </ul>
 * Each rule answers with a {@link Rejection} or nothing (allowed); the caller turns it into the API's error.
 */
public final class MemberRules {

    /** Why a change is refused: FORBIDDEN when the actor's role does not allow it, LAST_OWNER when it would leave none. */
    public record Rejection(Kind kind, String reason) {
        public enum Kind { FORBIDDEN, LAST_OWNER }
    }

    private static final Rejection NOT_A_MANAGER = new Rejection(Rejection.Kind.FORBIDDEN,
            "Only the organisation's owners and admins manage its members.");
    private static final Rejection OWNERS_ONLY = new Rejection(Rejection.Kind.FORBIDDEN,
            "Only an owner grants, changes or removes an owner.");
    private static final Rejection LAST_OWNER = new Rejection(Rejection.Kind.LAST_OWNER,
            "An organisation keeps at least one owner: make another member an owner first.");

    private MemberRules() {}

    /** Inviting someone with {@code role}; {@code actor} is the inviter's role (null: not a member). */
    public static Optional<Rejection> invite(Role actor, Role role) {
        if (!manages(actor)) {
            return Optional.of(NOT_A_MANAGER);
        }
        return role == Role.OWNER && actor != Role.OWNER ? Optional.of(OWNERS_ONLY) : Optional.empty();
    }

    /** Changing a member from {@code current} to {@code next}; {@code members} are all members, before the change. */
    public static Optional<Rejection> changeRole(Role actor, Role current, Role next, List<Member> members) {
        if (!manages(actor)) {
            return Optional.of(NOT_A_MANAGER);
        }
        if ((current == Role.OWNER || next == Role.OWNER) && actor != Role.OWNER) {
            return Optional.of(OWNERS_ONLY);
        }
        return current == Role.OWNER && next != Role.OWNER && owners(members) <= 1 ? Optional.of(LAST_OWNER) : Optional.empty();
    }

    /** Removing a member who holds {@code current}; {@code self} when they remove themself (leave). */
    public static Optional<Rejection> remove(Role actor, Role current, boolean self, List<Member> members) {
        if (!self && !manages(actor)) {
            return Optional.of(NOT_A_MANAGER);
        }
        if (!self && current == Role.OWNER && actor != Role.OWNER) {
            return Optional.of(OWNERS_ONLY);
        }
        return current == Role.OWNER && owners(members) <= 1 ? Optional.of(LAST_OWNER) : Optional.empty();
    }

    private static boolean manages(Role actor) {
        return actor == Role.OWNER || actor == Role.ADMIN;
    }

    private static long owners(List<Member> members) {
        return members.stream().filter(m -> m.role() == Role.OWNER).count();
    }
}
