package io.peergraph.graph.imports;

import io.peergraph.graph.facet.ItemClassification;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Creates the config items a batch's new configurations include, once per batch rather than once per
 * configuration, and moves their {@code configCount} (the rarity weight of an item, as ConfigurationStore keeps it
 * for one configuration) by the number of those configurations: a popular item ("kernel 5.4") is on thousands of
 * configurations, and merging and counting it per configuration locks, re-reads and rewrites the same node again
 * and again. The configurations' statement then only finds each item ({@code MATCH (ci:ConfigItem {key: item.key})})
 * and links it. Relies on the unique constraint on ConfigItem.key.
 */
final class ConfigItemCounts {

    private static final String MERGE = RecordImport.REUSE_PLAN + """
            UNWIND $items AS item
            MERGE (ci:ConfigItem {key: item.key})
              ON CREATE SET ci.id = item.id, ci.kind = item.kind, ci.value = item.value, ci.configCount = 0,
                            ci.createdAt = datetime(), ci.updatedAt = datetime()
            SET ci.configCount = ci.configCount + item.configurations
            """;

    private ConfigItemCounts() {}

    /**
     * {@code itemsPerConfiguration}: for each new configuration of the batch, its items (maps with {@code key},
     * {@code id}, {@code kind}, {@code value}), each item once.
     */
    static void include(SimpleQueryRunner tx, Collection<List<Map<String, Object>>> itemsPerConfiguration) {
        Map<Object, Map<String, Object>> items = new LinkedHashMap<>();
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
        if (!items.isEmpty()) {
            tx.run(MERGE, Map.of("items", List.copyOf(items.values()))).consume();
            // Items of kinds with a value scheme are classified as its concepts as they arrive (graph-model).
            ItemClassification.classify(tx, items.keySet().stream().map(String::valueOf).toList());
        }
    }
}
