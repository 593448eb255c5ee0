package io.peergraph.api.search;

import io.peergraph.search.sync.OutboxRelay;
import org.springframework.stereotype.Component;

/**
 * Whether search can answer as documented, for the service's readiness: once Elasticsearch has taken the relay's
 * batches it counts as up for good (a later outage is the documented degraded mode, reported by {@code search} in
 * {@code /actuator/health}, not a reason to stop taking traffic); a managed server whose start failed for good is
 * the degraded mode from the start.
 */
@Component
public class SearchReadiness {

    public enum State {
        /** Elasticsearch has not answered yet (the managed server is still starting). */
        STARTING,
        /** Elasticsearch has answered at least once. */
        UP,
        /** The managed Elasticsearch did not start (every attempt failed): searches answer from the graph. */
        DEGRADED
    }

    private final OutboxRelay relay;
    private final SearchBackend backend;
    private volatile boolean upOnce;

    SearchReadiness(OutboxRelay relay, SearchBackend backend) {
        this.relay = relay;
        this.backend = backend;
    }

    public State state() {
        if (upOnce || relay.status().backendUp()) {
            upOnce = true;
            return State.UP;
        }
        return backend.startFailed() ? State.DEGRADED : State.STARTING;
    }
}
