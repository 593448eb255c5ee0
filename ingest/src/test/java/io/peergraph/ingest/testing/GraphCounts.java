package io.peergraph.ingest.testing;

import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Driver;

/**
 * Nodes per label and relationships per type, to compare stores after imports. The outbox is left out: it is a log
 * of writes (one event per document per batch), so its length depends on how the records were batched.
 */
public final class GraphCounts {

    private GraphCounts() {}

    public static Map<String, Long> of(Driver driver) {
        Map<String, Long> counts = new TreeMap<>();
        driver.executableQuery("""
                        MATCH (n) WHERE NOT (n:OutboxEvent OR n:OutboxCounter OR n:OutboxCursor)
                        UNWIND labels(n) AS label RETURN label, count(*) AS n""").execute().records()
                .forEach(r -> counts.put(r.get("label").asString(), r.get("n").asLong()));
        driver.executableQuery("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n").execute().records()
                .forEach(r -> counts.put(":" + r.get("type").asString(), r.get("n").asLong()));
        driver.executableQuery("MATCH (i:ConfigItem) RETURN sum(i.configCount) AS n").execute().records()
                .forEach(r -> counts.put("sum(configCount)", r.get("n").asLong()));
        return counts;
    }
}
