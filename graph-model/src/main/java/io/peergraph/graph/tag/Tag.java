package io.peergraph.graph.tag;

/** A label as customers type it ({@code label}, first spelling seen) and its normalised form. */
public record Tag(String id, String label, String normalized, long usageCount) {}
