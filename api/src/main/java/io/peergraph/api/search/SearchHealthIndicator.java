package io.peergraph.api.search;

import io.peergraph.search.sync.OutboxRelay;
import io.peergraph.search.sync.RelayStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code search} in {@code /actuator/health}: UP while Elasticsearch takes the relay's batches, DEGRADED (the
 * service still works: writes succeed, searches answer from the graph) while it does not; with the outbox
 * backlog either way, and with the semantic signal its model and the embedding queue's progress (cases pending,
 * embedded, superseded by a newer write, failed; documents embedded per second). DEGRADED does not turn the
 * service's overall status down.
 */
@Component("search")
class SearchHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Elasticsearch unreachable: searching the graph, indexing later");

    private final OutboxRelay relay;
    private final SearchBackend backend;
    private final SearchConfiguration.SemanticSignal semantic;

    SearchHealthIndicator(OutboxRelay relay, SearchBackend backend, SearchConfiguration.SemanticSignal semantic) {
        this.relay = relay;
        this.backend = backend;
        this.semantic = semantic;
    }

    @Override
    public Health health() {
        RelayStatus status = relay.status();
        Health.Builder health = status.backendUp() ? Health.up() : Health.status(DEGRADED);
        health.withDetail("backend", backend.isManaged() ? "managed" : "external")
                .withDetail("uri", backend.uri().toString())
                .withDetail("outboxBacklog", relay.backlog())
                .withDetail("semanticModel", semantic.model().key());
        if (semantic.queue() != null) {
            health.withDetail("embedding", semantic.queue().progress());
        }
        if (status.lastSuccess() != null) {
            health.withDetail("lastIndexed", status.lastSuccess().toString());
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError()).withDetail("failuresInARow", status.failuresInARow());
        }
        return health.build();
    }
}
