package io.peergraph.graph.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first contact with an external Neo4j server, cluster or Aura (peergraph.neo4j.uri): a server that cannot be
 * reached or that refuses the credentials stops the start with a message that says which, rather than a stack trace
 * from whichever bean asked first. Another instance, or an orchestrator's restart, tries again later. A server that
 * answers but too slowly for the driver's connection acquisition timeout (a busy machine: the login's password hashing
 * alone took over 10 s at a load average of 48) is given {@link #SLOW_SERVER_PATIENCE}.
 */
public final class ExternalNeo4j {

    private static final Logger log = LoggerFactory.getLogger(ExternalNeo4j.class);
    static final Duration SLOW_SERVER_PATIENCE = Duration.ofMinutes(3);

    private ExternalNeo4j() {}

    /** Connects once; on failure closes {@code driver} and throws {@link StartupRefusedException}. */
    public static void verify(Driver driver, String uri, String username) {
        Instant deadline = Instant.now().plus(SLOW_SERVER_PATIENCE);
        while (true) {
            try {
                driver.verifyConnectivity();
                return;
            } catch (SecurityException e) { // AuthenticationException, or an authorization refusal
                driver.close();
                throw new StartupRefusedException("Neo4j at " + uri + " refused the credentials of user '" + username + "': "
                        + e.getMessage(),
                        "Check peergraph.neo4j.username and peergraph.neo4j.password (e.g. the environment variables "
                                + "PEERGRAPH_NEO4J_USERNAME and PEERGRAPH_NEO4J_PASSWORD).", e);
            } catch (ServiceUnavailableException e) {
                driver.close();
                throw new StartupRefusedException("Cannot reach Neo4j at " + uri + ": " + e.getMessage(),
                        "Start the Neo4j server (or cluster) first, or correct peergraph.neo4j.uri; check that this machine "
                                + "may connect to it (firewall, TLS: neo4j+s:// or bolt+s:// for an encrypted server).", e);
            } catch (ClientException e) {
                if (e.getCause() instanceof TimeoutException && Instant.now().isBefore(deadline)) {
                    log.info("Neo4j at {} is slow to accept a connection ({}); trying again", uri, e.getMessage());
                    continue;
                }
                throw refused(driver, uri, e);
            } catch (Neo4jException e) {
                throw refused(driver, uri, e);
            }
        }
    }

    private static StartupRefusedException refused(Driver driver, String uri, Neo4jException e) {
        driver.close();
        return new StartupRefusedException("Neo4j at " + uri + " did not accept a connection: " + e.getMessage(),
                "Check peergraph.neo4j.uri, .username and .password, and the server's log.", e);
    }
}
