package io.peergraph.api.config;

import io.peergraph.api.search.SearchReadiness;
import io.peergraph.graph.driver.GraphHealth;
import io.peergraph.graph.similarpeers.SimilarityIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code warmUp}, in the readiness group ({@code /actuator/health/readiness}): OUT_OF_SERVICE until the service can
 * answer as documented — the graph answers, the search backend has been up once (or the managed Elasticsearch failed
 * to start for good: then the service is ready in its degraded mode, and says so in the details) and the similarity
 * index is built. The root {@code /actuator/health} orders OUT_OF_SERVICE out of its aggregate (application.yml), so
 * warming up never turns it down: it says whether the service is alive and what its parts report.
 */
public class WarmUpHealthIndicator implements HealthIndicator {

    private final GraphHealth graph;
    private final SearchReadiness search;
    private final SimilarityIndex similarity;

    public WarmUpHealthIndicator(GraphHealth graph, SearchReadiness search, SimilarityIndex similarity) {
        this.graph = graph;
        this.search = search;
        this.similarity = similarity;
    }

    @Override
    public Health health() {
        boolean graphAnswers = graph.answers();
        SearchReadiness.State searchState = search.state();
        boolean built = similarity.isBuilt();
        boolean ready = graphAnswers && searchState != SearchReadiness.State.STARTING && built;
        return (ready ? Health.up() : Health.outOfService())
                .withDetail("graph", graphAnswers ? "answers" : "not answering yet")
                .withDetail("search", switch (searchState) {
                    case UP -> "up";
                    case STARTING -> "waiting for Elasticsearch to start";
                    case DEGRADED -> "degraded: the managed Elasticsearch did not start; searches answer from the graph";
                })
                .withDetail("similarityIndex", built ? "built: " + similarity.configurations() + " configurations" : "building")
                .build();
    }

    /** Whether the search part is in its degraded mode (the banner says so). */
    boolean searchDegraded() {
        return search.state() == SearchReadiness.State.DEGRADED;
    }
}
