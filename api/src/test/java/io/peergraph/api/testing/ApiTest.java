package io.peergraph.api.testing;

import io.peergraph.graph.testing.SharedNeo4j;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The whole service on a random port, talking over Bolt to the one embedded Neo4j of this test JVM (see
 * {@link SharedNeo4j}), exactly as it would to an external server. Tests call it over real HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peergraph.demo.enabled=false",
        "peergraph.data-dir=${java.io.tmpdir}/peergraph-api-tests",
        "logging.file.name="})
@Import(ApiTest.SharedGraph.class)
public @interface ApiTest {

    class SharedGraph {
        @org.springframework.context.annotation.Bean
        static DynamicPropertyRegistrar sharedNeo4j() {
            return registry -> registry.add("peergraph.neo4j.uri", SharedNeo4j::boltUri);
        }
    }
}
