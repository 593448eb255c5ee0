package io.peergraph.graph.imports;

import io.peergraph.graph.driver.GraphConnection;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * How far an import of one source got: the position of the last record whose batch committed, stored by that
 * batch's own transaction ({@link #save}), so it can never claim more than was written. {@code source} names the
 * source by its content (the importer uses format and content hash), so a renamed copy resumes and a changed file
 * starts over. Relies on the unique constraint on ImportCheckpoint.source.
 */
public final class ImportCheckpoints {

    private static final String POSITION = """
            MATCH (c:ImportCheckpoint {source: $source}) RETURN c.position AS position
            """;

    private static final String SAVE = RecordImport.REUSE_PLAN + """
            MERGE (c:ImportCheckpoint {source: $source})
              ON CREATE SET c.createdAt = datetime(), c.file = $file
            SET c.position = $position, c.updatedAt = datetime()
            """;

    private static final String CLEAR = """
            MATCH (c:ImportCheckpoint {source: $source}) DELETE c
            """;

    private ImportCheckpoints() {}

    /**
     * Forgets {@code source}'s checkpoint once a run read it to the end: a checkpoint only spares an interrupted run the
     * records it committed. Kept after a complete run, it made the next run of the same file count every record as
     * unchanged, those rejected for a reference not yet in the graph included, so importing what they refer to and
     * running the file again never imported them. Natural keys keep the re-run idempotent.
     */
    public static void clear(GraphConnection graph, String source) {
        graph.driver().executableQuery(CLEAR).withParameters(Map.of("source", source)).execute();
    }

    /** The position committed for {@code source}, 0 when none was. */
    public static long position(GraphConnection graph, String source) {
        return graph.driver().executableQuery(POSITION).withParameters(Map.of("source", source)).execute()
                .records().stream().findFirst().map(r -> r.get("position").asLong()).orElse(0L);
    }

    /**
     * Moves the checkpoint of {@code source} to {@code position} on its own, for a load of several imports that records
     * how far it got between them (the demo data).
     */
    public static void save(GraphConnection graph, String source, String file, long position) {
        graph.driver().executableQuery(SAVE).withParameters(Map.of("source", source, "file", file, "position", position)).execute();
    }

    /** Moves the checkpoint of {@code source} (read from {@code file}) to {@code position}, in the batch's transaction. */
    public static void save(SimpleQueryRunner tx, String source, String file, long position) {
        tx.run(SAVE, Map.of("source", source, "file", file, "position", position)).consume();
    }
}
