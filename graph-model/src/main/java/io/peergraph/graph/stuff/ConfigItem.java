package io.peergraph.graph.stuff;

/** A configuration item node: shared by every configuration that includes it. */
public record ConfigItem(String id, String kind, String value, long configCount) {}
