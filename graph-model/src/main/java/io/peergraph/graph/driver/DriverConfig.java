package io.peergraph.graph.driver;

import org.neo4j.driver.Config;
import org.neo4j.driver.Logging;

/** The Neo4j driver settings Peergraph's processes share. */
public final class DriverConfig {

    private DriverConfig() {}

    /**
     * The driver logs through SLF4J. Its default logger (System.Logger) formats every outbound Bolt message for DEBUG,
     * parameters included, before the level is looked at: an import spent 2.3 % of its CPU turning 1,000-row batches
     * into strings nobody saw (JFR, docs/benchmarks.md "Import throughput"). The SLF4J adapter asks the level first.
     */
    public static Config.ConfigBuilder builder() {
        return Config.builder().withLogging(Logging.slf4j());
    }

    public static Config defaults() {
        return builder().build();
    }
}
