package io.peergraph.ingest.engine;

import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;

/**
 * How far an import of one source file got: the position of the last record whose batch committed,
 * stored in the graph by that batch's own transaction, so it can never claim more than was written.
 * Keyed by the file's content hash, so a renamed copy resumes and a changed file starts over.
 */
final class Checkpoint {

    private static final String LOAD = """
            MATCH (c:ImportCheckpoint {source: $source}) RETURN c.position AS position
            """;

    private static final String SAVE = "CYPHER replan=skip\n" + """
            MERGE (c:ImportCheckpoint {source: $source})
              ON CREATE SET c.createdAt = datetime(), c.file = $file
            SET c.position = $position, c.updatedAt = datetime()
            """;

    private Checkpoint() {}

    static long load(Driver driver, String source) {
        return driver.executableQuery(LOAD).withParameters(Map.of("source", source)).execute()
                .records().stream().findFirst().map(r -> r.get("position").asLong()).orElse(0L);
    }

    static void save(TransactionContext tx, String source, String file, long position) {
        tx.run(SAVE, Map.of("source", source, "file", file, "position", position)).consume();
    }
}
