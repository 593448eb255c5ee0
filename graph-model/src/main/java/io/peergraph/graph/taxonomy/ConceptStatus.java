package io.peergraph.graph.taxonomy;

/** Lifecycle of a concept: proposed (e.g. a promoted tag), in use, or replaced. Stored by name in {@code status}. */
public enum ConceptStatus {
    CANDIDATE,
    APPROVED,
    DEPRECATED
}
