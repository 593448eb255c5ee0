package io.peergraph.graph.outbox;

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
            "CREATE CONSTRAINT outbox_counter_name IF NOT EXISTS FOR (n:OutboxCounter) REQUIRE n.name IS UNIQUE",
            "CREATE CONSTRAINT outbox_event_seq IF NOT EXISTS FOR (n:OutboxEvent) REQUIRE n.seq IS UNIQUE",
            "CREATE CONSTRAINT outbox_cursor_consumer IF NOT EXISTS FOR (n:OutboxCursor) REQUIRE n.consumer IS UNIQUE");

    private OutboxSchema() {}

    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            STATEMENTS.forEach(statement -> session.run(statement).consume());
            session.run("MERGE (c:OutboxCounter {name: 'outbox'}) ON CREATE SET c.seq = 0").consume();
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }
}
