package io.peergraph.api.taxonomy;

import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.EmergingTag;
import io.peergraph.graph.tag.SymptomTagCandidate;
import io.peergraph.graph.tag.SynonymCandidate;
import io.peergraph.graph.tag.TagSuggestions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Rounds of suggestions: synonym and broader candidates come from one in-memory pass over all tag usage
 * (seconds on a large store), so a round is computed once and paged through; pages of one round never shift
 * under a moderator. A round lives {@link #TTL} or until a curation change ends it.
 */
@Component
public class SuggestionRounds {

    static final Duration TTL = Duration.ofMinutes(5);

    private record Round(Instant at, List<?> ranked) {}

    private final TagSuggestions suggestions;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();

    public SuggestionRounds(TagSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    /**
     * Not a round: emerging tags are one indexed query, cheap to ask each time, and a moderator told by a notification
     * that a tag is emerging must find it here at once, not after a round computed earlier expires.
     */
    public List<EmergingTag> emerging(TagSuggestions.Thresholds th) {
        return suggestions.emergingTags(th, 0, Integer.MAX_VALUE).items();
    }

    public List<SynonymCandidate> synonyms(TagSuggestions.Thresholds th) {
        return round("synonyms " + th, () -> suggestions.synonymCandidates(th, 0, Integer.MAX_VALUE).items());
    }

    public List<SymptomTagCandidate> symptomTags(TagSuggestions.Thresholds th) {
        return round("symptom tags " + th, () -> suggestions.symptomTagCandidates(th, 0, Integer.MAX_VALUE).items());
    }

    public List<BroaderCandidate> broader(TagSuggestions.Thresholds th) {
        return round("broader " + th, () -> suggestions.broaderCandidates(th, 0, Integer.MAX_VALUE).items());
    }

    /** Ends every round: the next page asked for starts a new one. */
    public void invalidate() {
        rounds.clear();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> round(String key, Supplier<List<T>> compute) {
        Instant now = clock.instant();
        Round round = rounds.compute(key, (k, old) -> old != null && old.at().plus(TTL).isAfter(now) ? old : new Round(now, compute.get()));
        return (List<T>) round.ranked();
    }
}
