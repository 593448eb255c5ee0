package io.peergraph.graph.tag;

import io.peergraph.graph.taxonomy.ConceptRef;

/** A tag in a suggestion: {@code concept} is what it means, null while unmapped. */
public record TagRef(String id, String label, String normalized, long usageCount, ConceptRef concept) {}
