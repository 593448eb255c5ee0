package io.peergraph.graph.tag;

import io.peergraph.graph.taxonomy.ConceptRef;

/**
 * Where a label landed: the tag that now carries the application (the survivor when the typed label was
 * merged away) and the concept it means, if any (null when the tag is not mapped yet); {@code customerId} is who
 * applied it (null for an unsigned import).
 */
public record TagApplication(String thingId, String tagId, String label, String normalized, long usageCount, ConceptRef concept, String customerId) {}
