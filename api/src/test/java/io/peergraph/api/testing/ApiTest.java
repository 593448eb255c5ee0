package io.peergraph.api.testing;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.testing.ScratchDirs;
import io.peergraph.graph.testing.SharedNeo4j;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, talking over Bolt to the one embedded Neo4j of this test JVM (see
 * {@link SharedNeo4j}), exactly as it would to an external server. Tests call it over real HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peergraph.demo.enabled=false",
        // Tests assert behaviour, never speed: a cold first request on a loaded build machine may take longer than
        // the production limit (ExecutionDeadlineTest covers the limit itself).
        "peergraph.api.execution-timeout=10m",
        // Tests run the suggestion check by hand: on the hour it would tell moderators of other tests' tags mid-test.
        "peergraph.notifications.suggestion-cron=-",
        // Tests ask a benchmark question twice and expect the epoch's answer: with the default (a day) a run across
        // midnight UTC would see two epochs; this one ends on 2029-12-17.
        "peergraph.privacy.release-epoch=P3650D",
        "logging.file.name="})
@ContextConfiguration(initializers = ApiTest.SharedGraph.class)
public @interface ApiTest {

    /**
     * Sets the Neo4j URI and the data directory before any bean exists: a bean built earlier than a
     * DynamicPropertyRegistrar runs would otherwise see the defaults (an embedded store under ./data).
     */
    class SharedGraph implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        /**
         * One data directory per test JVM, so concurrent runs never share a key file or a search server's store;
         * owner-only as the service makes its own, and deleted when the JVM exits.
         */
        private static final Path DATA_DIR = ScratchDirs.create("peergraph-api-tests-");

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("peergraph-api-tests", Map.of(
                    "peergraph.neo4j.uri", SharedNeo4j.boltUri(),
                    "peergraph.neo4j.username", EmbeddedNeo4j.USERNAME,
                    "peergraph.neo4j.password", SharedNeo4j.password(),
                    "peergraph.data-dir", DATA_DIR.toString())));
        }

    }
}
