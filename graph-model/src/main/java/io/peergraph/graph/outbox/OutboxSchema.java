package io.peergraph.graph.outbox;

import io.peergraph.graph.schema.Graph.Index;
import io.peergraph.graph.schema.Graph.Label;
import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Constraints the outbox relies on: one counter (MERGE on it must not race into two), unique sequence
 * numbers (also the index consumers read by, in order) and one cursor per consumer. Idempotent; run it
 * before the first write, after {@code SchemaMigrations}.
 */
public final class OutboxSchema {

    static final List<String> STATEMENTS = List.of(
            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.name IS UNIQUE".formatted(Index.OUTBOX_COUNTER_NAME, Label.OUTBOX_COUNTER),
            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.seq IS UNIQUE".formatted(Index.OUTBOX_EVENT_SEQ, Label.OUTBOX_EVENT),
            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.consumer IS UNIQUE".formatted(Index.OUTBOX_CURSOR_CONSUMER, Label.OUTBOX_CURSOR));

    private OutboxSchema() {}

    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            STATEMENTS.forEach(statement -> session.run(statement).consume());
            session.run("MERGE (c:OutboxCounter {name: 'outbox'}) ON CREATE SET c.seq = 0").consume();
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }
}
