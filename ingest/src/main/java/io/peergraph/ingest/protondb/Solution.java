package io.peergraph.ingest.protondb;

/**
 * A solution shared by every report that tried it: a launch option, a Proton version, a tool. {@code kind}
 * is a {@code Solution.kind} of docs/graph-model.md.
 */
public record Solution(String sourceKey, String title, String steps, String kind) {}
