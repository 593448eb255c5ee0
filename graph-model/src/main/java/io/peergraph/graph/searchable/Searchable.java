package io.peergraph.graph.searchable;

/** The kinds of node the search indexes mirror, each with the label whose {@code id} keys its documents. */
public enum Searchable {
    REPORT("Report"),
    SOLUTION("Solution"),
    PRODUCT("Product");

    private final String label;

    Searchable(String label) {
        this.label = label;
    }

    /** The node label (a constant, never user input: safe to place in query text). */
    public String label() {
        return label;
    }
}
