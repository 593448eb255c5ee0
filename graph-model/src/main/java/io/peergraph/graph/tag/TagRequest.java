package io.peergraph.graph.tag;

import java.time.OffsetDateTime;

/**
 * A customer applying a label to one of their things (a report, solution, product or configuration, by id).
 * Imports add where the application came from ({@code sourceKey}, so importing it again changes nothing) and when it
 * happened ({@code at}); {@code customerId} is null for an imported tag nobody signed.
 */
public record TagRequest(String customerId, String thingId, String label, String sourceKey, OffsetDateTime at) {

    public TagRequest(String customerId, String thingId, String label) {
        this(customerId, thingId, label, null, null);
    }
}
