package io.peergraph.search.sync;

import java.time.Instant;

/**
 * How the relay last fared: whether Elasticsearch took its last batch, the last failure, and how many attempts
 * in a row failed (the backoff grows with them).
 */
public record RelayStatus(boolean backendUp, Instant lastSuccess, String lastError, int failuresInARow) {}
