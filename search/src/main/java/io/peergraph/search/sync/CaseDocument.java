package io.peergraph.search.sync;

import java.util.List;

/**
 * A report as the cases index holds it: its text, what it is about and who may see it. Lists are sorted so that
 * a document loaded twice from the same graph state is equal (verify compares them).
 */
public record CaseDocument(String id, String ownerId, String privacy, String status, String title, String text,
                           String titleStems, String stems, List<String> interactions, List<String> channels,
                           List<String> outcomes, String productId, String productName, List<String> symptomIds,
                           List<String> symptomKeys, List<String> symptomNames, List<String> configItemIds,
                           List<Item> configItems, List<String> tags, String occurredAt, String updatedAt) {

    /** A configuration item of the report's configuration, kept for explanations (not searchable). */
    public record Item(String id, String kind, String value) {}
}
