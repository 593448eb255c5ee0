package io.peergraph.graph.stuff;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import java.util.List;
import java.util.Map;

/**
 * Products of a curated catalogue (e.g. Debian packages from the debtags replay), written by their natural key:
 * verified, named, created once. A product already stored keeps what it has.
 */
public final class VerifiedProducts {

    /** A catalogue entry: its natural key ("debian:gimp") and display name. */
    public record Entry(String key, String name) {

        /** The public id the product has, derived from its key. */
        public String id() {
            return PublicId.PRODUCT.fromKey(key);
        }
    }

    // Relies on the unique constraint product_key.
    private static final String ENSURE = """
            UNWIND $products AS p
            MERGE (product:Product {key: p.key})
            ON CREATE SET product.id = p.id, product.name = p.name, product.verified = true,
                          product.createdAt = datetime(), product.updatedAt = datetime()
            """;

    private VerifiedProducts() {}

    /** Creates the entries not stored yet, in one transaction. */
    public static void ensure(GraphConnection graph, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = entries.stream().map(e -> Map.<String, Object>of("key", e.key(), "id", e.id(), "name", e.name())).toList();
        try (var session = graph.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run(ENSURE, Map.of("products", rows)).consume());
        }
    }
}
