package io.peergraph.api.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.outbox.OutboxSchema;
import io.peergraph.search.cases.CaseFinder;
import io.peergraph.search.cases.CaseSearch;
import io.peergraph.search.cases.GraphCaseSearch;
import io.peergraph.search.cases.SimilarCases;
import io.peergraph.search.cases.SymptomTree;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.sync.BulkWriter;
import io.peergraph.search.sync.GraphDocuments;
import io.peergraph.search.sync.IndexVerifier;
import io.peergraph.search.sync.OutboxRelay;
import io.peergraph.search.sync.Reindexer;
import java.io.IOException;
import java.time.Clock;
import org.neo4j.driver.Driver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Search: the Elasticsearch backend (managed unless {@code peergraph.search.uri} is set), its client, the outbox
 * relay on a schedule, and the case search with its graph fallback.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
@EnableScheduling
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchBackend searchBackend(PeergraphProperties peergraph, SearchProperties search) {
        return search.managed() ? SearchBackend.managed(peergraph.dataDir(), search.heap()) : SearchBackend.external(search);
    }

    @Bean(destroyMethod = "")
    ElasticsearchClient searchClient(SearchBackend backend) {
        return SearchClientFactory.create(backend.uri(), backend.credentials());
    }

    /** Closes the client before the managed server stops (beans are destroyed in reverse order of creation). */
    @Bean(destroyMethod = "close")
    AutoCloseable searchClientCloser(ElasticsearchClient client) {
        return () -> {
            try {
                client._transport().close();
            } catch (IOException e) {
                // closing sockets of a server that is going away anyway
            }
        };
    }

    @Bean
    OutboxFeed outboxFeed(Neo4jClient client, Driver driver) {
        OutboxSchema.apply(driver);
        return new OutboxFeed(client);
    }

    @Bean GraphDocuments graphDocuments(Neo4jClient client) { return new GraphDocuments(client); }

    @Bean IndexAdmin indexAdmin(ElasticsearchClient client) { return new IndexAdmin(client); }

    @Bean BulkWriter bulkWriter(ElasticsearchClient client, GraphDocuments documents) { return new BulkWriter(client, documents); }

    @Bean
    Reindexer reindexer(OutboxFeed feed, GraphDocuments documents, BulkWriter writer, IndexAdmin admin) {
        return new Reindexer(feed, documents, writer, admin);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxFeed feed, BulkWriter writer, IndexAdmin admin, Reindexer reindexer) {
        return new OutboxRelay(OutboxRelay.CONSUMER, feed, writer, admin, reindexer, Clock.systemUTC());
    }

    @Bean
    IndexVerifier indexVerifier(ElasticsearchClient client, GraphDocuments documents, IndexAdmin admin, OutboxRelay relay) {
        return new IndexVerifier(client, documents, admin, relay);
    }

    @Bean SymptomTree symptomTree(Neo4jClient client) { return new SymptomTree(client); }

    @Bean
    CaseFinder caseFinder(ElasticsearchClient client, Neo4jClient graph) {
        return new CaseFinder(new CaseSearch(client), new SimilarCases(client), new GraphCaseSearch(graph));
    }

    @Bean
    RelaySchedule relaySchedule(OutboxRelay relay) {
        return new RelaySchedule(relay);
    }

    /** Runs the relay; it backs off by itself while Elasticsearch is unreachable. */
    record RelaySchedule(OutboxRelay relay) {
        @Scheduled(fixedDelayString = "${peergraph.search.relay-delay:500ms}", initialDelayString = "1s")
        void tick() {
            relay.tick();
        }
    }
}
