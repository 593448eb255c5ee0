package io.peergraph.graph.imports;

import io.peergraph.graph.driver.GraphConnection;

/** Whether a store is still empty of community content, e.g. before loading demo data into it. */
public final class EmptyGraph {

    private EmptyGraph() {}

    /** True when the store holds no report. */
    public static boolean holdsNoReport(GraphConnection graph) {
        return graph.driver().executableQuery("MATCH (r:Report) RETURN r LIMIT 1").execute().records().isEmpty();
    }
}
