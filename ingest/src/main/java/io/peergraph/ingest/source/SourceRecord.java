package io.peergraph.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as read from a source file. {@code position} is its 1-based ordinal in the file (what the
 * checkpoint counts); {@code location} says where a person finds it ("reports.json line 1204"); {@code raw}
 * is the record's text as written to a dead-letter file.
 */
public record SourceRecord(long position, String location, JsonNode value, String raw) {}
