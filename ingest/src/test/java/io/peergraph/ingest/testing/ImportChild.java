package io.peergraph.ingest.testing;

import io.peergraph.graph.driver.DriverConfig;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import java.nio.file.Path;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * An import in a process of its own, over Bolt, for a test to kill with SIGKILL part-way:
 * {@code ImportChild BOLT_URI FORMAT FILE BATCH_SIZE PAUSE_MILLIS DEAD_LETTER_FILE}. It pauses after each commit
 * so that the kill lands between and during batches rather than after the last one. The Bolt password comes in
 * {@value #PASSWORD_VARIABLE} (an environment variable: a command line is visible to every local user).
 */
public final class ImportChild {

    public static final String PASSWORD_VARIABLE = "PEERGRAPH_BOLT_PASSWORD";

    public static void main(String[] args) throws Exception {
        long pause = Long.parseLong(args[4]);
        try (Driver driver = GraphDatabase.driver(args[0],
                AuthTokens.basic(EmbeddedNeo4j.USERNAME, System.getenv(PASSWORD_VARIABLE)), DriverConfig.defaults());
             DeadLetterFile deadLetters = new DeadLetterFile(Path.of(args[5]))) {
            ImportEngine engine = new ImportEngine(GraphConnection.over(driver), ImportEngine.Options.defaults().withBatchSize(Integer.parseInt(args[3]))
                    .withAfterCommit(batch -> {
                        try {
                            Thread.sleep(pause);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            System.out.println(ImportFormat.parse(args[1]).importFile(engine, Path.of(args[2]), deadLetters).summary());
        }
    }
}
