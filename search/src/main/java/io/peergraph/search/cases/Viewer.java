package io.peergraph.search.cases;

/**
 * Who is searching. Support staff see every case whole; a customer sees their own cases and other customers'
 * COMMUNITY or PUBLIC cases (the API shows those pseudonymously), never another customer's PRIVATE case.
 */
public record Viewer(String customerId, boolean support) {

    public static Viewer support(String customerId) {
        return new Viewer(customerId, true);
    }

    public static Viewer customer(String customerId) {
        return new Viewer(customerId, false);
    }
}
