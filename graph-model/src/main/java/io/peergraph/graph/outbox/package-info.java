/**
 * The transactional outbox: every change to a searchable or notifiable thing appends an {@link
 * io.peergraph.graph.outbox.OutboxEvent} in the same Neo4j transaction ({@link io.peergraph.graph.outbox.Outbox}),
 * and consumers read them in commit order, each from its own cursor ({@link io.peergraph.graph.outbox.OutboxFeed}).
 */
package io.peergraph.graph.outbox;
