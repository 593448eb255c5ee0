package io.peergraph.graph.taxonomy;

/** A concept as rejections and results name it. */
public record ConceptRef(String id, String iri, String prefLabel) {}
