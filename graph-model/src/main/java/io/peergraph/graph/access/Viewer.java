package io.peergraph.graph.access;

import io.peergraph.graph.customer.Membership;
import java.util.Map;

/**
 * Who is looking, as {@link Visibility} needs to know it: a signed-in customer (null id: nobody signed in), the
 * organisations they belong to with their role in each, and whether they are support staff (who read every
 * customer's stuff to help them, each such read audited by the caller).
 */
public record Viewer(String customerId, boolean support, Map<String, Membership.Role> organisations) {

    public Viewer {
        organisations = Map.copyOf(organisations);
        if (customerId == null && (support || !organisations.isEmpty())) {
            throw new IllegalArgumentException("an anonymous viewer has no staff role and no organisation");
        }
    }

    /** Nobody signed in. */
    public static Viewer anonymous() {
        return new Viewer(null, false, Map.of());
    }

    /** A customer who belongs to no organisation (or whose memberships do not matter to the question). */
    public static Viewer customer(String customerId) {
        return new Viewer(customerId, false, Map.of());
    }

    /** A customer and the organisations they belong to, by role. */
    public static Viewer member(String customerId, Map<String, Membership.Role> organisations) {
        return new Viewer(customerId, false, organisations);
    }

    public static Viewer support(String customerId) {
        return new Viewer(customerId, true, Map.of());
    }

    public boolean signedIn() {
        return customerId != null;
    }
}
