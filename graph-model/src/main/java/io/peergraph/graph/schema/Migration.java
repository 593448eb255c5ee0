package io.peergraph.graph.schema;

import java.util.List;

/** One versioned step of the graph schema. Statements must be idempotent ({@code IF NOT EXISTS}). */
public record Migration(int version, String description, List<String> statements) {}
