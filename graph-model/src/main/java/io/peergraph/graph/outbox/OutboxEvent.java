package io.peergraph.graph.outbox;

import java.time.ZonedDateTime;

/**
 * One committed change, in commit order: {@code seq} is strictly increasing and a reader that has seen
 * {@code seq} n has seen every event below n (see {@link Outbox}).
 *
 * @param payload a small JSON object with details a consumer may want without reading the graph
 */
public record OutboxEvent(long seq, EventType type, String aggregateId, ZonedDateTime at, String payload) {}
