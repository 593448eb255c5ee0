package io.peergraph.search.cases;

import java.time.Instant;
import java.util.List;

/**
 * Narrows a case search; every part is optional and parts combine with AND, values within a part with OR.
 * {@code symptomIds} already holds the asked symptom and all its narrower ones (graph-model's {@code NarrowerSymptoms}).
 */
public record CaseFilter(String productId, List<String> symptomIds, List<String> configItemIds, List<String> statuses,
                         List<String> channels, Instant from, Instant to, List<String> tags) {

    public static CaseFilter none() {
        return new CaseFilter(null, List.of(), List.of(), List.of(), List.of(), null, null, List.of());
    }

    public CaseFilter {
        symptomIds = symptomIds == null ? List.of() : List.copyOf(symptomIds);
        configItemIds = configItemIds == null ? List.of() : List.copyOf(configItemIds);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        channels = channels == null ? List.of() : List.copyOf(channels);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
