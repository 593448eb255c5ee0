package io.peergraph.graph.driver;

import org.neo4j.driver.Driver;

/** Whether the graph answers, for readiness checks: the driver's own round trip to the server, no query. */
public class GraphHealth {

    private final Driver driver;

    public GraphHealth(Driver driver) {
        this.driver = driver;
    }

    public boolean answers() {
        try {
            driver.verifyConnectivity();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
