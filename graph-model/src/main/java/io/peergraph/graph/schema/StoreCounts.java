package io.peergraph.graph.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * How many nodes of each identified label, and relationships in all, a store holds: what two stores built from the
 * same input must agree on (e.g. an import resumed after a crash and one that ran through, bench/run-faults.sh).
 * Read from Neo4j's count store, so it costs nothing on a large store.
 */
public final class StoreCounts {

    private StoreCounts() {}

    public static Map<String, Long> of(Driver driver) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String label : SchemaMigrations.IDENTIFIED_LABELS) {
            // The label comes from the fixed list above, never from input.
            counts.put(label, driver.executableQuery("MATCH (n:`" + label + "`) RETURN count(n) AS c").execute()
                    .records().getFirst().get("c").asLong());
        }
        counts.put("relationships", driver.executableQuery("MATCH ()-[r]->() RETURN count(r) AS c").execute()
                .records().getFirst().get("c").asLong());
        return counts;
    }
}
