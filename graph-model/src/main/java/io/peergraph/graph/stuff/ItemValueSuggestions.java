package io.peergraph.graph.stuff;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The canonical values of one kind of configuration item that begin with what a person typed, most held first.
 * Backed by the {@code config_item_key} uniqueness constraint's range index: a prefix of the natural key
 * ({@code kind:value}, lower case) is an index seek.
 */
public class ItemValueSuggestions {

    /** One canonical value and how many configurations hold it. */
    public record ItemValueCount(String value, long configurations) {}

    private static final String QUERY = """
            UNWIND $prefixes AS prefix
            MATCH (ci:ConfigItem) WHERE ci.key STARTS WITH prefix AND ci.configCount > 0
            WITH DISTINCT ci
            RETURN ci.value AS value, ci.configCount AS configurations
            ORDER BY configurations DESC, value
            LIMIT $limit
            """;

    private final Neo4jClient client;

    public ItemValueSuggestions(Neo4jClient client) {
        this.client = client;
    }

    /**
     * Values of {@code kind} whose value starts with any of {@code valuePrefixes} (folded as {@link ConfigItemValue#key()}
     * folds; an empty string matches every value of the kind).
     */
    public List<ItemValueCount> suggest(String kind, Collection<String> valuePrefixes, int limit) {
        List<String> prefixes = valuePrefixes.stream().distinct().map(p -> new ConfigItemValue(kind, p).key()).toList();
        return List.copyOf(client.query(QUERY).bindAll(Map.of("prefixes", prefixes, "limit", limit))
                .fetchAs(ItemValueCount.class)
                .mappedBy((t, r) -> new ItemValueCount(r.get("value").asString(), r.get("configurations").asLong()))
                .all());
    }
}
