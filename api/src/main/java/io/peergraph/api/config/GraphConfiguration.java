package io.peergraph.api.config;

import io.peergraph.api.graphql.DatabasePermits;
import io.peergraph.graph.access.AccessQuery;
import io.peergraph.graph.account.LocalAccountStore;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.driver.DriverConfig;
import io.peergraph.graph.driver.GraphHealth;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.history.CustomerHistory;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.outbox.OutboxSchema;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.PendingResigns;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.searchable.GraphReportSearch;
import io.peergraph.graph.searchable.SearchableNodes;
import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.ItemValueSuggestions;
import io.peergraph.ingest.normalise.SystemNormaliser;
import io.peergraph.seeds.pci.GpuCatalog;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.NarrowerSymptoms;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.tag.TagStore;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The graph: embedded Neo4j unless {@code peergraph.neo4j.uri} points elsewhere, one Driver over Bolt either
 * way (Boot's own Neo4j auto-configuration backs off when this Driver exists; Spring Data Neo4j builds its
 * client and transaction manager on it), the schema migrated before anything else uses it, and the stores. Within a
 * GraphQL request its sessions count against the request's {@link DatabasePermits}.
 */
@Configuration(proxyBeanMethods = false)
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

    @Bean(destroyMethod = "close")
    Driver neo4jDriver(PeergraphProperties properties, EmbeddedGraph embedded) {
        var neo4j = properties.neo4j();
        // A connection not free within 10 s is answered as UNAVAILABLE (retryable) rather than after the driver's 60 s.
        Config config = DriverConfig.builder().withMaxConnectionPoolSize(64)
                .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS).build();
        Driver driver = embedded.server() != null
                ? GraphDatabase.driver(embedded.server().boltUri(), embedded.server().authToken(), config)
                : GraphDatabase.driver(neo4j.uri(), neo4j.username() == null || neo4j.username().isBlank()
                        ? AuthTokens.none() : AuthTokens.basic(neo4j.username(), neo4j.password()), config);
        if (embedded.server() == null) {
            ExternalNeo4j.verify(driver, neo4j.uri(), neo4j.username());
        }
        SchemaMigrations.apply(driver);
        return DatabasePermits.bounded(driver);
    }

    @Bean GraphHealth graphHealth(Driver driver) { return new GraphHealth(driver); }

    @Bean PendingResigns pendingResigns(Driver driver) { return new PendingResigns(driver); }

    @Bean LocalAccountStore localAccountStore(Neo4jClient client) { return new LocalAccountStore(client); }

    @Bean
    OutboxFeed outboxFeed(Neo4jClient client, Driver driver) {
        OutboxSchema.apply(driver);
        return new OutboxFeed(client);
    }

    /** What the search module reads from the graph: index documents, the fallback search, narrower symptoms. */
    @Bean SearchableNodes searchableNodes(Neo4jClient client) { return new SearchableNodes(client); }

    @Bean GraphReportSearch graphReportSearch(Neo4jClient client) { return new GraphReportSearch(client); }

    @Bean NarrowerSymptoms narrowerSymptoms(Neo4jClient client) { return new NarrowerSymptoms(client); }

    @Bean CustomerStore customerStore(Neo4jClient client) { return new CustomerStore(client); }

    @Bean CustomerHistory customerHistory(Neo4jClient client) { return new CustomerHistory(client); }

    @Bean ItemStore itemStore(Neo4jClient client) { return new ItemStore(client); }

    @Bean ConfigurationStore configurationStore(Neo4jClient client) { return new ConfigurationStore(client); }

    @Bean ItemValueSuggestions itemValueSuggestions(Neo4jClient client) { return new ItemValueSuggestions(client); }

    /** The importer's normalisers (pci.ids, driver, kernel, OS, CPU, RAM) for what comes through the API. */
    @Bean SystemNormaliser systemNormaliser() { return new SystemNormaliser(GpuCatalog.bundled()); }

    @Bean ProductStore productStore(Neo4jClient client) { return new ProductStore(client); }

    @Bean SymptomStore symptomStore(Neo4jClient client) { return new SymptomStore(client); }

    @Bean ReportStore reportStore(Neo4jClient client) { return new ReportStore(client); }

    @Bean SolutionStore solutionStore(Neo4jClient client) { return new SolutionStore(client); }

    @Bean TagStore tagStore(Neo4jClient client) { return new TagStore(client); }

    @Bean AccessQuery accessQuery(Neo4jClient client) { return new AccessQuery(client); }

    @Bean AuditTrail auditTrail(Neo4jClient client) { return new AuditTrail(client); }

    @Bean PeersWithSymptomQuery peersWithSymptomQuery(Neo4jClient client) { return new PeersWithSymptomQuery(client); }

    @Bean SimilarPeersQuery similarPeersQuery(Neo4jClient client) { return new SimilarPeersQuery(client); }

    @Bean MetricStore metricStore(Neo4jClient client) { return new MetricStore(client); }

    @Bean MeasurementStore measurementStore(Neo4jClient client) { return new MeasurementStore(client); }

    @Bean BenchmarkQuery benchmarkQuery(Neo4jClient client) { return new BenchmarkQuery(client); }

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
