package io.peergraph.graph.taxonomy;

import io.peergraph.graph.driver.GraphConnection;
import java.util.Map;
import java.util.Optional;

/**
 * The checksum of the seed vocabularies last loaded ({@code (:SeedCatalog {name: 'taxonomy', checksum, loadedAt})}), so a
 * start loads the seeds only when they changed.
 */
public final class SeedChecksum {

    // Relies on the unique constraint seed_catalog_name.
    private static final String STORED = "MATCH (s:SeedCatalog {name: 'taxonomy'}) RETURN s.checksum AS checksum";
    // Writes nothing when the checksum is already stored: loading the same seeds twice leaves the same graph.
    private static final String STORE = """
            MERGE (s:SeedCatalog {name: 'taxonomy'})
            WITH s WHERE s.checksum IS NULL OR s.checksum <> $checksum
            SET s.checksum = $checksum, s.loadedAt = datetime()
            """;

    private SeedChecksum() {}

    public static Optional<String> stored(GraphConnection graph) {
        try (var session = graph.driver().session()) {
            var rows = session.executeRead(tx -> tx.run(STORED).list());
            return rows.stream().findFirst().map(r -> r.get("checksum").asString(null));
        }
    }

    public static void store(GraphConnection graph, String checksum) {
        try (var session = graph.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run(STORE, Map.of("checksum", checksum)).consume());
        }
    }
}
