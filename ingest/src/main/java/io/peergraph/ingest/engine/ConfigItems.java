package io.peergraph.ingest.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.TransactionContext;

/**
 * Creates the config items a batch's new configurations include, once per batch rather than once per
 * configuration, and moves their {@code configCount} by the number of those configurations: a popular item
 * ("kernel 5.4") is on thousands of configurations, and merging and counting it per configuration locks, re-reads
 * and rewrites the same node again and again. The configurations' statement then only finds each item
 * ({@code MATCH (ci:ConfigItem {key: item.key})}) and links it. Relies on the unique constraint on ConfigItem.key.
 *
 * <p>Counting write-locks every popular item until commit, so batches of configurations cannot overlap: a batch
 * counting a dense item while another links it deadlocks inside Neo4j (node lock and relationship-group lock taken
 * in opposite orders). Their writer is not concurrent ({@code EntityWriter.concurrent()}); items are counted in key
 * order all the same.
 */
public final class ConfigItems {

    private static final String CREATE = "CYPHER replan=skip\n" + """
            UNWIND $items AS item
            MERGE (ci:ConfigItem {key: item.key})
              ON CREATE SET ci.id = item.id, ci.kind = item.kind, ci.value = item.value, ci.configCount = 0,
                            ci.createdAt = datetime(), ci.updatedAt = datetime()
            """;

    private static final String COUNT = "CYPHER replan=skip\n" + """
            UNWIND $items AS item
            MATCH (ci:ConfigItem {key: item.key})
            SET ci.configCount = ci.configCount + item.configurations
            """;

    /** The distinct items of a batch's configurations, by key, each with the number of those configurations. */
    public record Tally(List<Map<String, Object>> items) {

        /** Creates the items the graph does not hold yet (count 0); takes no lock on those it holds. */
        public void create(TransactionContext tx) {
            if (!items.isEmpty()) {
                tx.run(CREATE, Map.of("items", items)).consume();
            }
        }

        /** Adds the configurations to each item's count: locks the items until commit, so run it last. */
        public void count(TransactionContext tx) {
            if (!items.isEmpty()) {
                tx.run(COUNT, Map.of("items", items)).consume();
            }
        }
    }

    private ConfigItems() {}

    /**
     * {@code itemsPerConfiguration}: for each new configuration of the batch, its items (maps with {@code key},
     * {@code id}, {@code kind}, {@code value}), each item once.
     */
    public static Tally tally(Collection<List<Map<String, Object>>> itemsPerConfiguration) {
        Map<Object, Map<String, Object>> items = new TreeMap<>();
        for (List<Map<String, Object>> configuration : itemsPerConfiguration) {
            for (Map<String, Object> item : configuration) {
                items.computeIfAbsent(item.get("key"), key -> {
                    Map<String, Object> row = new HashMap<>(item);
                    row.remove("raw"); // the raw string belongs to each configuration's INCLUDES
                    row.put("configurations", 0L);
                    return row;
                }).merge("configurations", 1L, (a, b) -> (Long) a + (Long) b);
            }
        }
        return new Tally(List.copyOf(items.values()));
    }

    /** Creates and counts at once (for a writer whose batches are never written side by side). */
    public static void merge(TransactionContext tx, Collection<List<Map<String, Object>>> itemsPerConfiguration) {
        Tally tally = tally(itemsPerConfiguration);
        tally.create(tx);
        tally.count(tx);
    }
}
