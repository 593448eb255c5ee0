package io.peergraph.search.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.peergraph.search.text.Stems;
import java.util.List;

/**
 * A report as the cases index holds it: its text, what it is about and who may see it. Lists are sorted so that
 * a document loaded twice from the same graph state is equal (verify compares them).
 * <p>
 * The stems fields are the English terms of the texts (see {@link Stems}), computed by {@link #of}: {@code stems}
 * and {@code titleStems} serve similar cases and their explanations; with {@code symptomStems} and
 * {@code interactionStems} the mapping copies them into the one field each viewer's text search matches on.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // the index also holds the case's embedding (semantic.EmbeddedCase)
public record CaseDocument(String id, String ownerId, String privacy, String status, String title, String text,
                           String titleStems, String stems, String symptomStems, String interactionStems,
                           List<String> interactions, List<String> channels,
                           List<String> outcomes, String productId, String productName, List<String> symptomIds,
                           List<String> symptomKeys, List<String> symptomNames, List<String> configItemIds,
                           List<Item> configItems, List<String> tags, String occurredAt, String updatedAt) {

    /** A configuration item of the report's configuration, kept for explanations (not searchable). */
    public record Item(String id, String kind, String value) {}

    /** The document of a report, its stems computed from its texts. */
    public static CaseDocument of(String id, String ownerId, String privacy, String status, String title, String text,
                                  List<String> interactions, List<String> channels, List<String> outcomes,
                                  String productId, String productName, List<String> symptomIds, List<String> symptomKeys,
                                  List<String> symptomNames, List<String> configItemIds, List<Item> configItems,
                                  List<String> tags, String occurredAt, String updatedAt) {
        String titleAndText = title == null ? text : text == null ? title : title + "\n" + text;
        return new CaseDocument(id, ownerId, privacy, status, title, text, Stems.joined(title), Stems.joined(titleAndText),
                Stems.joined(String.join("\n", symptomNames)), Stems.joined(String.join("\n", interactions)),
                interactions, channels, outcomes, productId, productName, symptomIds, symptomKeys, symptomNames,
                configItemIds, configItems, tags, occurredAt, updatedAt);
    }
}
