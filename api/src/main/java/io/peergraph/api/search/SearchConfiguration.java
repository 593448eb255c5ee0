package io.peergraph.api.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.searchable.GraphReportSearch;
import io.peergraph.graph.searchable.SearchableNodes;
import io.peergraph.search.cases.CaseFinder;
import io.peergraph.search.cases.ElasticCaseSearch;
import io.peergraph.search.cases.ElasticSimilarCases;
import io.peergraph.search.cases.GraphCaseSearch;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddingModel;
import io.peergraph.search.semantic.EmbeddingQueue;
import io.peergraph.search.sync.BulkWriter;
import io.peergraph.search.sync.GraphDocuments;
import io.peergraph.search.sync.IndexVerifier;
import io.peergraph.search.sync.OutboxRelay;
import io.peergraph.search.sync.Reindexer;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
        return search.managed() ? SearchBackend.managed(peergraph.dataDir(), search.heap(), search.maxRestarts()) : SearchBackend.external(search);
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

    @Bean GraphDocuments graphDocuments(SearchableNodes graph) { return new GraphDocuments(graph); }

    /** The semantic signal's model (loaded once, at start), and the queue that embeds cases off the relay's thread. */
    @Bean(destroyMethod = "close")
    SemanticSignal semanticSignal(SearchProperties search, ElasticsearchClient client) {
        EmbeddingModel model = EmbeddingModel.fromKey(search.semanticModel());
        CaseEmbedder embedder = CaseEmbedder.of(model);
        return new SemanticSignal(model, embedder, embedder == null ? null : new EmbeddingQueue(client, embedder, search.embeddingQueue()));
    }

    /** {@code embedder} and {@code queue} are null with the model {@code none}. */
    record SemanticSignal(EmbeddingModel model, CaseEmbedder embedder, EmbeddingQueue queue) implements AutoCloseable {
        @Override
        public void close() {
            if (queue != null) {
                queue.close();
            }
        }
    }

    @Bean IndexAdmin indexAdmin(ElasticsearchClient client, SemanticSignal semantic) { return new IndexAdmin(client, semantic.model()); }

    @Bean
    BulkWriter bulkWriter(ElasticsearchClient client, GraphDocuments documents, SemanticSignal semantic) {
        return new BulkWriter(client, documents, semantic.queue());
    }

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

    @Bean
    CaseFinder caseFinder(ElasticsearchClient client, GraphReportSearch graph, SemanticSignal semantic) {
        return new CaseFinder(new ElasticCaseSearch(client, semantic.embedder()), new ElasticSimilarCases(client, semantic.embedder()),
                new GraphCaseSearch(graph));
    }

    @Bean
    RelaySchedule relaySchedule(OutboxRelay relay) {
        return new RelaySchedule(relay);
    }

    @Bean
    EmbeddingBackfill embeddingBackfill(SemanticSignal semantic, OutboxRelay relay) {
        return new EmbeddingBackfill(semantic, relay);
    }

    /**
     * Cases of the index without a vector (deferred while the queue was full, queued when the service stopped, or
     * failed) are queued again as the queue has room and the relay is healthy: a re-embedding resumes after a restart.
     */
    record EmbeddingBackfill(SemanticSignal semantic, OutboxRelay relay) {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddingBackfill.class);

        @Scheduled(fixedDelayString = "${peergraph.search.embedding-backfill-delay:10s}", initialDelayString = "10s")
        void tick() {
            if (semantic.queue() == null || !relay.status().backendUp()) {
                return;
            }
            try {
                semantic.queue().backfill(500);
            } catch (IOException | RuntimeException e) {
                log.debug("Embedding backfill skipped: {}", e.toString());
            }
        }
    }

    /** Runs the relay; it backs off by itself while Elasticsearch is unreachable. */
    record RelaySchedule(OutboxRelay relay) {
        @Scheduled(fixedDelayString = "${peergraph.search.relay-delay:500ms}", initialDelayString = "1s")
        void tick() {
            relay.tick();
        }
    }
}
