package io.peergraph.graph.taxonomy.curation;

/** A tag as read inside a curation transaction; {@code meansIri} and {@code mergedIntoId} are null when absent. */
record TagNode(String id, String label, String normalized, long usageCount, String meansIri, String mergedIntoId) {}
