package io.peergraph.graph.tag;

import java.util.List;

/** One page of ranked suggestions and how many there are in all. */
public record SuggestionPage<T>(List<T> items, int total) {

    static <T> SuggestionPage<T> of(List<T> ranked, int offset, int limit) {
        int from = Math.min(Math.max(offset, 0), ranked.size());
        return new SuggestionPage<>(List.copyOf(ranked.subList(from, Math.min(ranked.size(), from + limit))), ranked.size());
    }
}
