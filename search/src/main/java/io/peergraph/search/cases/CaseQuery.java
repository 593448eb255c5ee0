package io.peergraph.search.cases;

import io.peergraph.search.text.Stems;

/**
 * A page of a case search. {@code text} is what the user typed: matched as words, never parsed as query syntax.
 * Without text, or with nothing but stop words ("the", "on": no case is told apart by them), cases come newest
 * first. {@code after} is the sort key of the last case of the previous page.
 * {@code total} and {@code facets} say whether the caller wants the exact match count and the facet counts: both
 * cost the server a pass over every match, so a caller that shows neither does not pay for them.
 */
public record CaseQuery(String text, CaseFilter filter, int size, SortKey after, boolean total, boolean facets) {

    /** A page with the total and the facets. */
    public CaseQuery(String text, CaseFilter filter, int size, SortKey after) {
        this(text, filter, size, after, true, true);
    }

    public boolean hasText() {
        return text != null && !Stems.of(text).isEmpty();
    }

    /** A position in the result order: the relevance score (or the time in epoch millis without text) and the id. */
    public record SortKey(double value, String id) {}
}
