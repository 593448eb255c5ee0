package io.peergraph.search.cases;

/**
 * A page of a case search. {@code text} is what the user typed: matched as words, never parsed as query syntax.
 * Without text, cases come newest first. {@code after} is the sort key of the last case of the previous page.
 */
public record CaseQuery(String text, CaseFilter filter, int size, SortKey after) {

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    /** A position in the result order: the relevance score (or the time in epoch millis without text) and the id. */
    public record SortKey(double value, String id) {}
}
