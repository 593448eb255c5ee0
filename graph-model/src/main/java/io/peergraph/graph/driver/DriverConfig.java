package io.peergraph.graph.driver;

import java.util.Set;
import org.neo4j.driver.Config;
import org.neo4j.driver.Logging;
import org.neo4j.driver.NotificationClassification;
import org.neo4j.driver.NotificationSeverity;

/** The Neo4j driver settings Peergraph's processes share. */
public final class DriverConfig {

    private DriverConfig() {}

    /**
     * The driver logs through SLF4J. Its default logger (System.Logger) formats every outbound Bolt message for DEBUG,
     * parameters included, before the level is looked at: an import spent 2.3 % of its CPU turning 1,000-row batches
     * into strings nobody saw (JFR, docs/benchmarks.md "Import throughput"). The SLF4J adapter asks the level first.
     *
     * <p>The server sends no "unrecognized" notifications (a label, relationship type or property not in the graph
     * yet: a graph that grows by use meets them all the time, e.g. a customer's relationship to items before anyone
     * has one) and no information-level ones (chiefly "cartesian product" for patterns that join two nodes each found
     * by a unique key): Spring Data Neo4j logged each per query, 1,133 lines in one run of graph-model's tests.
     * Warnings (deprecations, and performance or other problems the server rates as warnings) still arrive and are
     * logged.
     */
    public static Config.ConfigBuilder builder() {
        return Config.builder()
                .withLogging(Logging.slf4j())
                .withMinimumNotificationSeverity(NotificationSeverity.WARNING)
                .withDisabledNotificationClassifications(Set.of(NotificationClassification.UNRECOGNIZED));
    }

    public static Config defaults() {
        return builder().build();
    }
}
