package io.peergraph.api.config;

import io.peergraph.api.graphql.DatabasePermits;
import io.peergraph.graph.GraphModelConfiguration;
import io.peergraph.graph.driver.BoundedSessions;
import io.peergraph.graph.driver.GraphAddress;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.ingest.normalise.SystemNormaliser;
import io.peergraph.seeds.pci.GpuCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.resilience.annotation.EnableResilientMethods;

/**
 * The graph: embedded Neo4j unless {@code peergraph.neo4j.uri} points elsewhere. graph-model wires the rest
 * ({@link GraphModelConfiguration}: the Driver, the schema migrated first, every store and operation); this class
 * says where the graph is, and that within a GraphQL request the graph's sessions count against the request's
 * {@link DatabasePermits}; and that a use case the database asks to try again runs again ({@link RetriedWhenGraphBusy}).
 */
@Configuration(proxyBeanMethods = false)
@Import(GraphModelConfiguration.class)
@EnableResilientMethods
public class GraphConfiguration {

    /** The embedded DBMS, or an empty holder when an external server is configured. */
    @Bean(destroyMethod = "close")
    EmbeddedGraph embeddedGraph(PeergraphProperties properties) {
        // The first bean every other one waits for (through the driver): the data folder is closed before anything
        // but the log is written into it.
        DataDirectory.secure(properties.dataDir());
        var neo4j = properties.neo4j();
        if (!neo4j.embedded()) {
            return new EmbeddedGraph(null);
        }
        return new EmbeddedGraph(EmbeddedNeo4j.start(properties.neo4jStoreDir(), neo4j.boltPort(), neo4j.pageCache().toBytes()));
    }

    /** Where graph-model's Driver connects: the embedded server, or peergraph.neo4j.uri (checked at start, refused clearly). */
    @Bean
    GraphAddress graphAddress(PeergraphProperties properties, EmbeddedGraph embedded) {
        var neo4j = properties.neo4j();
        return embedded.server() != null ? GraphAddress.embedded(embedded.server())
                : GraphAddress.external(neo4j.uri(), neo4j.username(), neo4j.password());
    }

    /** A GraphQL request's sessions take turns (graph-model asks on the thread that opens one). */
    @Bean BoundedSessions.CurrentBound databasePermits() { return DatabasePermits::current; }

    /** The importer's normalisers (pci.ids, driver, kernel, OS, CPU, RAM) for what comes through the API. */
    @Bean SystemNormaliser systemNormaliser() { return new SystemNormaliser(GpuCatalog.bundled()); }

    /** Holds the embedded server so that it shuts down after the Driver that depends on it. */
    record EmbeddedGraph(EmbeddedNeo4j server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
