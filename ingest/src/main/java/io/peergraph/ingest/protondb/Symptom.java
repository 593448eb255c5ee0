package io.peergraph.ingest.protondb;

/** A symptom key ("audio/crackling"), its display name, and the broader key ("audio"), null at the top. */
public record Symptom(String key, String name, String broader) {}
