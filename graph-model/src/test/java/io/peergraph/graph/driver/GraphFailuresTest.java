package io.peergraph.graph.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;

/** What the driver's failures mean to the layers above. */
class GraphFailuresTest {

    /** Neo4j's words when a write found the disk full (seen in bench/run-faults.sh's disk family). */
    private static final DatabaseException STOPPED = new DatabaseException("Neo.DatabaseError.Transaction.TransactionStartFailed",
            "The database has encountered a critical error, and needs to be restarted. Please see database logs for more details.");

    @Test
    void aDatabaseThatStoppedItselfIsRecognisedAnywhereInTheCauseChain() {
        assertThat(GraphFailures.isStopped(STOPPED)).isTrue();
        assertThat(GraphFailures.isStopped(new IllegalStateException("wrapped by Spring", STOPPED))).isTrue();
    }

    @Test
    void otherFailuresAreNotAStoppedDatabase() {
        assertThat(GraphFailures.isStopped(new ClientException("Neo.ClientError.Statement.SyntaxError", "Invalid input"))).isFalse();
        assertThat(GraphFailures.isStopped(new DatabaseException("Neo.DatabaseError.General.UnknownError", "Something else"))).isFalse();
        assertThat(GraphFailures.isBusy(STOPPED)).isFalse();
    }
}
