package io.peergraph.graph.symptom;

/** Something customers see go wrong, e.g. {@code audio/crackling}. Narrower symptoms point BROADER to their parent. */
public record Symptom(String id, String key, String name, String broaderId) {}
