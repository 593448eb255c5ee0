package io.peergraph.graph;

import io.peergraph.graph.access.AccessQuery;
import io.peergraph.graph.account.LocalAccountStore;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.driver.BoundedSessions;
import io.peergraph.graph.driver.DriverConfig;
import io.peergraph.graph.driver.ExternalNeo4j;
import io.peergraph.graph.driver.GraphAddress;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.driver.GraphHealth;
import io.peergraph.graph.history.CustomerHistory;
import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.notification.DailyDigest;
import io.peergraph.graph.notification.Follows;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.PreferenceStore;
import io.peergraph.graph.notification.RecipientMatcher;
import io.peergraph.graph.notification.SavedSearches;
import io.peergraph.graph.notification.SuggestionAnnouncements;
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
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.ItemValueSuggestions;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.NarrowerSymptoms;
import io.peergraph.graph.symptom.SymptomProposals;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.graph.tag.TagUsage;
import io.peergraph.graph.tag.Tags;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.graph.taxonomy.curation.Curation;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The graph as a Spring application gets it: one Driver over Bolt to the {@link GraphAddress} the application gives
 * (Boot's own Neo4j auto-configuration backs off when this Driver exists; Spring Data Neo4j builds its client and
 * transaction manager on it), the schema migrated before anything else uses it, and every store, query and operation
 * of graph-model built on it. Other modules receive these beans, or the {@link GraphConnection} to hand to
 * graph-model operations, and never the Driver (docs/architecture.md). Within a piece of work that carries a
 * {@link BoundedSessions.Bound} (the api's GraphQL request permits, a {@link BoundedSessions.CurrentBound} bean), the
 * Driver's sessions count against it.
 */
@Configuration(proxyBeanMethods = false)
public class GraphModelConfiguration {

    @Bean(destroyMethod = "close")
    Driver neo4jDriver(GraphAddress address, ObjectProvider<BoundedSessions.CurrentBound> bound) {
        // A connection not free within 10 s is answered as UNAVAILABLE (retryable) rather than after the driver's 60 s.
        Config config = DriverConfig.builder().withMaxConnectionPoolSize(64)
                .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS).build();
        Driver driver = address.embedded() != null
                ? GraphDatabase.driver(address.embedded().boltUri(), address.embedded().authToken(), config)
                : GraphDatabase.driver(address.uri(), address.username() == null || address.username().isBlank()
                        ? AuthTokens.none() : AuthTokens.basic(address.username(), address.password()), config);
        if (address.embedded() == null) {
            ExternalNeo4j.verify(driver, address.uri(), address.username());
        }
        SchemaMigrations.apply(driver);
        return BoundedSessions.bounded(driver, bound.getIfAvailable(() -> () -> null));
    }

    /** The Driver bean closes itself: the connection only hands it on. */
    @Bean(destroyMethod = "")
    GraphConnection graphConnection(Driver driver) { return GraphConnection.over(driver); }

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

    @Bean ProductStore productStore(Neo4jClient client) { return new ProductStore(client); }

    @Bean SymptomStore symptomStore(Neo4jClient client) { return new SymptomStore(client); }

    @Bean SymptomProposals symptomProposals(GraphConnection graph, SymptomStore symptoms) { return new SymptomProposals(graph, symptoms); }

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

    // The living taxonomy: reading, the hierarchy, the moderators' curation, tags.

    @Bean TaxonomyReader taxonomyReader(GraphConnection graph) { return new TaxonomyReader(graph); }

    @Bean ConceptHierarchy conceptHierarchy(GraphConnection graph) { return new ConceptHierarchy(graph); }

    @Bean Curation curation(Driver driver) { return new Curation(driver); }

    @Bean Tags tagging(GraphConnection graph) { return new Tags(graph); }

    @Bean TagSuggestions tagSuggestions(Driver driver) { return new TagSuggestions(driver); }

    @Bean TagUsage tagUsage(Driver driver) { return new TagUsage(driver); }

    // Notifications: inboxes, preferences, follows, saved searches, and the graph side of the relay and schedules.

    @Bean Inbox inbox(Neo4jClient client) { return new Inbox(client); }

    @Bean PreferenceStore preferenceStore(Neo4jClient client) { return new PreferenceStore(client); }

    @Bean Follows follows(Neo4jClient client) { return new Follows(client); }

    @Bean SavedSearches savedSearches(Neo4jClient client) { return new SavedSearches(client); }

    @Bean
    RecipientMatcher recipientMatcher(Neo4jClient client, @Value("${peergraph.privacy.k-anonymity:5}") int k,
                                      @Value("${peergraph.notifications.similarity:0.5}") double similarity, BenchmarkNoise noise) {
        // noise: the service's one BenchmarkNoise, so an anomaly notification reads the statistics an answer releases
        return new RecipientMatcher(client, similarity, k, noise);
    }

    @Bean
    DailyDigest dailyDigest(Neo4jClient client, PlatformTransactionManager transactions) {
        return new DailyDigest(client, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    SuggestionAnnouncements suggestionAnnouncements(Neo4jClient client, PlatformTransactionManager transactions) {
        return new SuggestionAnnouncements(client, new TransactionTemplate(transactions));
    }
}
