package io.peergraph.api.config;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.ingest.demo.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Loads the demo data (real ProtonDB reports) into an empty store on start, so a first look finds peers. */
@Component
@ConditionalOnProperty(name = "peergraph.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final GraphConnection graph;

    DemoDataLoader(GraphConnection graph) {
        this.graph = graph;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoData.loadIfNeeded(graph).ifPresentOrElse(
                run -> log.info("Loaded the demo data: {} reports and {} tag applications imported", run.reports().imported(), run.tags().imported()),
                () -> log.info("The demo data is loaded, or the store holds other reports: demo data not loaded"));
    }
}
