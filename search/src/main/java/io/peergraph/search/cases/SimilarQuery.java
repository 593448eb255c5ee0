package io.peergraph.search.cases;

import java.util.List;

/**
 * "Have we seen a case like this?": the text of a case (or typed by support staff) and what it is about.
 * {@code excludeId} keeps the case asked about out of its own answer.
 */
public record SimilarQuery(String excludeId, String title, String text, List<String> configItemIds, List<String> symptomIds,
                           String productId, int size) {

    public SimilarQuery {
        configItemIds = configItemIds == null ? List.of() : List.copyOf(configItemIds);
        symptomIds = symptomIds == null ? List.of() : List.copyOf(symptomIds);
    }
}
