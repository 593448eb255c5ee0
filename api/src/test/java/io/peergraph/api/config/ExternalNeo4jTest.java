package io.peergraph.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.driver.DriverConfig;
import io.peergraph.graph.driver.ExternalNeo4j;
import io.peergraph.graph.driver.StartupRefusedException;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.testing.SharedNeo4j;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The first contact with an external Neo4j: a server nobody listens for, or one that refuses the password, stops the
 * start with a message naming the server and what to check (and never the password), as Spring Boot's failure report.
 */
class ExternalNeo4jTest {

    @Test
    void anUnreachableServerIsNamedWithWhatToCheck() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String uri = "bolt://127.0.0.1:" + closed;
        Driver driver = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", "whatever"), DriverConfig.defaults());
        assertThatThrownBy(() -> ExternalNeo4j.verify(driver, uri, "neo4j"))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("Cannot reach Neo4j at " + uri)
                .satisfies(e -> assertThat(((StartupRefusedException) e).action()).contains("peergraph.neo4j.uri"));
    }

    @Test
    void refusedCredentialsAreNamedWithoutThePassword() {
        String uri = SharedNeo4j.boltUri();
        String wrong = "not-" + SharedNeo4j.password();
        // A user of its own: Neo4j locks a user out for seconds after wrong passwords, and the shared server's user
        // is every other test's.
        String user = "peergraph-probe";
        Driver driver = GraphDatabase.driver(uri, AuthTokens.basic(user, wrong), DriverConfig.defaults());
        assertThatThrownBy(() -> ExternalNeo4j.verify(driver, uri, user))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("Neo4j at " + uri + " refused the credentials of user '" + user + "'")
                .hasMessageNotContaining(wrong)
                .satisfies(e -> {
                    FailureAnalysis analysis = new StartupRefusedFailureAnalyzer().analyze(new RuntimeException("wrapped", e));
                    assertThat(analysis.getDescription()).isEqualTo(e.getMessage());
                    assertThat(analysis.getAction()).contains("peergraph.neo4j.password");
                });
    }

    @Test
    void theRightCredentialsPass() {
        try (Driver driver = GraphDatabase.driver(SharedNeo4j.boltUri(), AuthTokens.basic(EmbeddedNeo4j.USERNAME, SharedNeo4j.password()),
                DriverConfig.defaults())) {
            assertThatCode(() -> ExternalNeo4j.verify(driver, SharedNeo4j.boltUri(), EmbeddedNeo4j.USERNAME)).doesNotThrowAnyException();
        }
    }
}
