package io.peergraph.search.cases;

import java.util.List;
import java.util.Map;

/**
 * One case found, with the fragments of text that matched (field → fragments, matches in {@code <em>}) and, when
 * the semantic signal is on, the signals that found it: {@code text} (it holds the words), {@code semantic} (its
 * embedding is among the nearest the question's); empty without the semantic signal.
 */
public record CaseHit(String id, double score, CaseQuery.SortKey position, Map<String, List<String>> highlights, List<String> signals) {

    public CaseHit {
        signals = signals == null ? List.of() : List.copyOf(signals);
    }

    public CaseHit(String id, double score, CaseQuery.SortKey position, Map<String, List<String>> highlights) {
        this(id, score, position, highlights, List.of());
    }

    /** Whether the hit holds the question's words (always, without the semantic signal: nothing else finds it then). */
    boolean matchedText() {
        return signals.isEmpty() || signals.contains("text");
    }
}
