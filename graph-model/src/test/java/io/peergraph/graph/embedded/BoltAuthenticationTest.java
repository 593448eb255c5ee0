package io.peergraph.graph.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.driver.DriverConfig;
import io.peergraph.graph.testing.SharedNeo4j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.SecurityException;

/** Any local account can reach a loopback port: the embedded Bolt connector must ask who is there. */
class BoltAuthenticationTest {

    /**
     * On a server of its own: Neo4j locks a user out for a few seconds after three wrong passwords in a row, and the
     * shared test server's user is every other test's too.
     */
    @Test
    void boltRefusesAClientWithoutCredentialsAWrongPasswordAndTheDefaultOne(@TempDir Path dir) throws Exception {
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(dir.resolve("neo4j"), 0, 32L << 20)) {
            String uri = server.boltUri();
            try (Driver anonymous = GraphDatabase.driver(uri, AuthTokens.none(), DriverConfig.defaults())) {
                assertThatThrownBy(anonymous::verifyConnectivity).isInstanceOf(SecurityException.class);
            }
            for (String guess : new String[] {"neo4j", "password", server.password() + "x"}) {
                try (Driver guessing = GraphDatabase.driver(uri, AuthTokens.basic(EmbeddedNeo4j.USERNAME, guess), DriverConfig.defaults())) {
                    assertThatThrownBy(guessing::verifyConnectivity).isInstanceOf(AuthenticationException.class);
                }
            }
        }
    }

    @Test
    void theGeneratedPasswordIsOwnerOnlyAndSurvivesARestart(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("neo4j");
        String first;
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(store, 0, 32L << 20); Driver driver = server.driver()) {
            driver.verifyConnectivity();
            first = server.password();
        }
        Path file = store.resolve(EmbeddedNeo4j.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(first).hasSizeGreaterThanOrEqualTo(32);

        try (EmbeddedNeo4j again = EmbeddedNeo4j.start(store, 0, 32L << 20); Driver driver = again.driver()) {
            driver.verifyConnectivity();
            assertThat(again.password()).isEqualTo(first);
        }
    }
}
