package io.peergraph.api.config;

import io.peergraph.api.search.SearchReadiness;
import io.peergraph.graph.driver.GraphHealth;
import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Warms the service once it has started: builds the similarity index (the first question would otherwise pay for
 * it), then waits until {@link WarmUpHealthIndicator} reports UP and only then prints the banner, with the time
 * since the JVM started. Until then {@code /actuator/health/readiness} answers OUT_OF_SERVICE (503).
 */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WarmUpConfiguration.class);

    private final SimilarPeersQuery similar;
    private final ReadyBanner banner;
    private volatile boolean stopped;

    WarmUpConfiguration(SimilarPeersQuery similar, ReadyBanner banner) {
        this.similar = similar;
        this.banner = banner;
    }

    @Bean
    WarmUpHealthIndicator warmUp(GraphHealth graph, SearchReadiness search) {
        return new WarmUpHealthIndicator(graph, search, similar.index());
    }

    /**
     * Brings the similarity index up to date here, on the thread that publishes this event: Boot declares itself
     * ACCEPTING_TRAFFIC only after the listeners return, so readiness stays down meanwhile. The schedule of
     * {@code SimilarityIndexFollower} may have built it already, but before the demo data or anything else written
     * at start (an import rebuilds it then); then waits for search on a thread of its own.
     */
    @EventListener
    void started(ApplicationReadyEvent event) {
        WarmUpHealthIndicator readiness = event.getApplicationContext().getBean(WarmUpHealthIndicator.class);
        try {
            similar.index().catchUp();
        } catch (RuntimeException e) {
            log.warn("warm-up: building the similarity index failed, trying again in a second", e);
        }
        Thread.ofPlatform().name("warm-up").daemon().start(() -> warm(event, readiness));
    }

    @EventListener
    void stopping(org.springframework.context.event.ContextClosedEvent event) {
        stopped = true;
    }

    private void warm(ApplicationReadyEvent event, WarmUpHealthIndicator readiness) {
        try {
            while (!stopped && !similar.index().isBuilt()) {
                try {
                    similar.index().catchUp();
                } catch (RuntimeException e) {
                    log.warn("warm-up: building the similarity index failed, trying again in a second", e);
                    Thread.sleep(1_000);
                }
            }
            while (!stopped && !Status.UP.equals(readiness.health().getStatus())) {
                Thread.sleep(250);
            }
            if (stopped) {
                return;
            }
            Duration took = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
            log.info("Ready (readiness UP) {} ms after the JVM started; search {}", took.toMillis(),
                    readiness.searchDegraded() ? "degraded" : "up");
            banner.print(event.getApplicationContext(), took, readiness.searchDegraded());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
