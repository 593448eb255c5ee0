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
        "logging.file.name="})
@Import(ApiTest.SharedGraph.class)
public @interface ApiTest {

    class SharedGraph {
        /** One data directory per test JVM, so concurrent runs never share a key file or a search server's store. */
        private static final java.nio.file.Path DATA_DIR = createDataDir();

        @org.springframework.context.annotation.Bean
        static DynamicPropertyRegistrar sharedNeo4j() {
            return registry -> {
                registry.add("peergraph.neo4j.uri", SharedNeo4j::boltUri);
                registry.add("peergraph.data-dir", DATA_DIR::toString);
            };
        }

        private static java.nio.file.Path createDataDir() {
            try {
                // World-readable: as root, the managed Elasticsearch runs as its own user and must reach its store here.
                return java.nio.file.Files.createTempDirectory("peergraph-api-tests",
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
