package io.peergraph.graph.outbox;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One committed change, in commit order: {@code seq} is strictly increasing and a reader that has seen
 * {@code seq} n has seen every event below n (see {@link Outbox}).
 *
 * @param payload a small JSON object with details a consumer may want without reading the graph
 */
public record OutboxEvent(long seq, EventType type, String aggregateId, ZonedDateTime at, String payload) {

    /** One string field of the payload (the flat object {@link Outbox} writes), if present. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(Outbox.fields(payload).get(name));
    }
}
