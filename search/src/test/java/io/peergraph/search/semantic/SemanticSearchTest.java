package io.peergraph.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.searchable.SearchableNodes;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.search.cases.CaseHit;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.cases.ElasticCaseSearch;
import io.peergraph.search.cases.ElasticSimilarCases;
import io.peergraph.search.cases.SimilarCase;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.BulkWriter;
import io.peergraph.search.sync.GraphDocuments;
import io.peergraph.search.testing.SharedElasticsearch;
import io.peergraph.search.testing.TestGraph;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic signal end to end on the real cluster with the real bge-small model: cases written from the graph
 * by the {@link BulkWriter}, embedded by the {@link EmbeddingQueue}, found by kNN in similar cases and text search.
 * The class points the shared cluster's cases alias at an index of its own (a handful of cases) and points it
 * back afterwards, so the other test classes keep theirs.
 */
class SemanticSearchTest {

    static TestGraph graph;
    static ElasticsearchClient client;
    static IndexAdmin admin;
    static Set<String> previousTargets;
    static String index;
    static EmbeddingQueue queue;
    static BulkWriter writer;
    static GraphDocuments documents;
    static CaseEmbedder embedder;

    static Report pdfCrash;
    static Report acrobatQuits;
    static Report darkTheme;
    static String owner;

    @BeforeAll
    static void start() throws Exception {
        graph = new TestGraph();
        client = SharedElasticsearch.client();
        embedder = CaseEmbedder.of(EmbeddingModel.BGE_SMALL);
        admin = new IndexAdmin(client, EmbeddingModel.BGE_SMALL);
        previousTargets = admin.aliasTargets(SearchIndex.CASES);
        index = admin.createPhysical(SearchIndex.CASES);
        for (String old : previousTargets) { // the alias leaves them (pointAlias moves it in one request)
            assertThat(old).isNotEqualTo(index);
        }
        admin.pointAlias(SearchIndex.CASES, index);
        documents = new GraphDocuments(new SearchableNodes(graph.client));
        queue = new EmbeddingQueue(client, embedder, 100);
        writer = new BulkWriter(client, documents, queue);

        owner = graph.newCustomer();
        Configuration cfg = graph.configuration(owner, List.of());
        pdfCrash = graph.report(cfg, null, List.of(), "Browser crashes opening a PDF attachment",
                "Every time I click on a PDF file in an email the whole browser goes down.", Privacy.COMMUNITY);
        acrobatQuits = graph.report(cfg, null, List.of(), "Application quits unexpectedly while viewing Acrobat documents",
                "Reading such documents makes the program vanish without warning.", Privacy.COMMUNITY);
        darkTheme = graph.report(cfg, null, List.of(), "Please add a dark theme to the address book",
                "Contacts list is too bright at night; a darker colour scheme would help.", Privacy.COMMUNITY);
        write(pdfCrash.id(), acrobatQuits.id(), darkTheme.id());
        assertThat(queue.awaitIdle(5, TimeUnit.MINUTES)).isTrue();
        admin.refresh(SearchIndex.CASES);
    }

    static void write(String... ids) throws Exception {
        long version = new io.peergraph.graph.outbox.OutboxFeed(graph.client).latestSeq() + 1;
        writer.write(SearchIndex.CASES, SearchIndex.CASES.alias(),
                java.util.Arrays.stream(ids).collect(Collectors.toMap(id -> id, id -> version)));
    }

    @AfterAll
    static void stop() throws Exception {
        queue.close();
        if (!previousTargets.isEmpty()) {
            admin.pointAlias(SearchIndex.CASES, previousTargets.iterator().next());
            admin.delete(index);
        }
        client._transport().close();
    }

    @Test
    void theEmbeddingQueueStoresEachCasesVectorWithWhatItWasComputedFrom() throws Exception {
        JsonNode source = client.get(g -> g.index(SearchIndex.CASES.alias()).id(acrobatQuits.id()), JsonNode.class).source();
        assertThat(source.get("embedding")).hasSize(384);
        assertThat(source.get("embeddingKey").asText())
                .isEqualTo(EmbeddedCase.key(EmbeddingModel.BGE_SMALL, embedder.input(acrobatQuits.title(), acrobatQuits.text())));
        assertThat(source.get("title").asText()).isEqualTo(acrobatQuits.title());
        assertThat(queue.progress().embedded()).isGreaterThanOrEqualTo(3);
        assertThat(queue.progress().pending()).isZero();

        // Written again with the same text: the vector is kept, nothing is queued.
        long embedded = queue.progress().embedded();
        write(acrobatQuits.id());
        assertThat(queue.progress().pending()).isZero();
        assertThat(queue.progress().embedded()).isEqualTo(embedded);
        JsonNode again = client.get(g -> g.index(SearchIndex.CASES.alias()).id(acrobatQuits.id()), JsonNode.class).source();
        assertThat(again.get("embedding")).isEqualTo(source.get("embedding"));
    }

    @Test
    void aWriteBurstBeyondTheQueueIsDeferredNotWaitedForAndTheBackfillEmbedsIt() throws Exception {
        Configuration cfg = graph.configuration(owner, List.of());
        List<String> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(graph.report(cfg, null, List.of(), "Toolbar button " + i + " does nothing", null, Privacy.COMMUNITY).id());
        }
        try (EmbeddingQueue small = new EmbeddingQueue(client, embedder, 1)) {
            new BulkWriter(client, documents, small).write(SearchIndex.CASES, SearchIndex.CASES.alias(),
                    burst.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
            // Eight cases, room for one queued and one being embedded: the writer did not wait for the rest.
            assertThat(small.progress().deferred()).isPositive();
            admin.refresh(SearchIndex.CASES);
            assertThat(client.count(c -> c.index(SearchIndex.CASES.alias()).query(q -> q.ids(x -> x.values(burst)))).count()).isEqualTo(8);

            for (int round = 0; round < 20 && missingVectors(burst) > 0; round++) {
                assertThat(small.awaitIdle(5, TimeUnit.MINUTES)).isTrue();
                admin.refresh(SearchIndex.CASES);
                small.backfill(100);
            }
            assertThat(missingVectors(burst)).isZero();
            assertThat(small.progress().embedded()).isGreaterThanOrEqualTo(8);
        }
    }

    static long missingVectors(List<String> ids) throws Exception {
        return client.count(c -> c.index(SearchIndex.CASES.alias()).query(q -> q.bool(b -> b.filter(f -> f.ids(x -> x.values(ids)))
                .mustNot(m -> m.exists(e -> e.field("embedding")))))).count();
    }

    @Test
    void aParaphraseWithNoSharedWordIsFoundBySimilarCasesThroughTheSemanticSignalOnly() throws Exception {
        SimilarQuery query = new SimilarQuery(pdfCrash.id(), pdfCrash.title(), pdfCrash.text(), List.of(), List.of(), null, 10);

        List<SimilarCase> withModel = new ElasticSimilarCases(client, embedder).find(Viewer.support("s"), query);
        assertThat(withModel.getFirst().id()).isEqualTo(acrobatQuits.id());
        assertThat(withModel.getFirst().signalRanks()).isEqualTo(Map.of("semantic", 1));

        // Asked about a case with other words than it holds, the question's own words are embedded (not its stored vector).
        SimilarQuery otherWords = new SimilarQuery(darkTheme.id(), pdfCrash.title(), pdfCrash.text(), List.of(), List.of(), null, 10);
        assertThat(new ElasticSimilarCases(client, embedder).find(Viewer.support("s"), otherWords)).first()
                .satisfies(c -> assertThat(c.id()).isEqualTo(pdfCrash.id()))
                .satisfies(c -> assertThat(c.signalRanks()).containsEntry("semantic", 1));

        List<SimilarCase> withoutModel = new ElasticSimilarCases(client).find(Viewer.support("s"), query);
        assertThat(withoutModel).extracting(SimilarCase::id).doesNotContain(acrobatQuits.id());
        assertThat(withoutModel).allSatisfy(c -> assertThat(c.signalRanks()).doesNotContainKey("semantic"));
    }

    @Test
    void aParaphraseIsFoundByTextSearchThroughTheSemanticSignalAndOnlyWithTheModel() throws Exception {
        CaseQuery query = new CaseQuery("browser crash when I open a PDF", io.peergraph.search.cases.CaseFilter.none(), 10, null);

        List<CaseHit> withModel = new ElasticCaseSearch(client, embedder).search(Viewer.customer(owner), query).hits();
        assertThat(withModel.getFirst().id()).isEqualTo(pdfCrash.id());
        assertThat(withModel.getFirst().signals()).containsExactlyInAnyOrder("text", "semantic");
        assertThat(withModel).filteredOn(h -> h.id().equals(acrobatQuits.id())).singleElement()
                .satisfies(h -> assertThat(h.signals()).containsExactly("semantic"));

        List<CaseHit> withoutModel = new ElasticCaseSearch(client).search(Viewer.customer(owner), query).hits();
        assertThat(withoutModel).extracting(CaseHit::id).containsExactly(pdfCrash.id());
        assertThat(withoutModel.getFirst().signals()).isEmpty();
    }

    @Test
    void aQuestionAskedAgainByTheSameViewerIsNotEmbeddedAgainAndFindsTheSameCases() throws Exception {
        assertThat(queue.awaitIdle(5, TimeUnit.MINUTES)).isTrue(); // the cases' embeddings are counted by the same model
        ElasticCaseSearch search = new ElasticCaseSearch(client, embedder);
        Viewer viewer = Viewer.customer(owner);
        String question = "program vanishes when reading documents " + System.nanoTime(); // asked first here
        CaseQuery first = new CaseQuery(question, io.peergraph.search.cases.CaseFilter.none(), 10, null);

        long before = embedder.encoded();
        List<CaseHit> asked = search.search(viewer, first).hits();
        assertThat(embedder.encoded()).isEqualTo(before + 1);
        assertThat(asked).extracting(CaseHit::id).contains(acrobatQuits.id());

        // The same words again, as the model sees them (case, spaces), without facets and total: not embedded again,
        // the same cases, each with the same signals.
        CaseQuery again = new CaseQuery("  " + question.toUpperCase() + "\n", io.peergraph.search.cases.CaseFilter.none(), 10, null, false, false);
        assertThat(search.search(viewer, again).hits()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("highlights").isEqualTo(asked);
        assertThat(new ElasticSimilarCases(client, embedder).find(viewer, new SimilarQuery(null, null, question, List.of(), List.of(), null, 10)))
                .isNotEmpty();
        assertThat(embedder.encoded()).isEqualTo(before + 1);

        // Another viewer's question is theirs: embedded for them (no one learns what another asked by how fast it comes).
        search.search(Viewer.support("s"), first);
        assertThat(embedder.encoded()).isEqualTo(before + 2);
        // Anonymous askers are not told apart: never kept.
        search.search(Viewer.anonymous(), first);
        search.search(Viewer.anonymous(), first);
        assertThat(embedder.encoded()).isEqualTo(before + 4);
    }

    @Test
    void aCaseNotEmbeddedYetIsStillFoundByTheOtherSignals() throws Exception {
        Configuration cfg = graph.configuration(owner, List.of());
        Report late = graph.report(cfg, null, List.of(), "Printing a PDF attachment freezes the browser", null, Privacy.COMMUNITY);
        new BulkWriter(client, documents).write(SearchIndex.CASES, SearchIndex.CASES.alias(),
                Map.of(late.id(), new io.peergraph.graph.outbox.OutboxFeed(graph.client).latestSeq() + 1));
        admin.refresh(SearchIndex.CASES);
        assertThat(client.get(g -> g.index(SearchIndex.CASES.alias()).id(late.id()), JsonNode.class).source().has("embedding")).isFalse();

        SimilarQuery query = new SimilarQuery(pdfCrash.id(), pdfCrash.title(), pdfCrash.text(), List.of(), List.of(), null, 10);
        assertThat(new ElasticSimilarCases(client, embedder).find(Viewer.support("s"), query)).filteredOn(c -> c.id().equals(late.id()))
                .singleElement().satisfies(c -> assertThat(c.signalRanks()).containsKey("text").doesNotContainKey("semantic"));
        assertThat(new ElasticCaseSearch(client, embedder).search(Viewer.customer(owner), new CaseQuery("pdf attachment", io.peergraph.search.cases.CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).contains(late.id(), pdfCrash.id());

        // The backfill finds it in the index and queues it (what resumes a re-embedding after a restart).
        assertThat(queue.backfill(100)).isGreaterThanOrEqualTo(1);
        assertThat(queue.awaitIdle(5, TimeUnit.MINUTES)).isTrue();
        admin.refresh(SearchIndex.CASES);
        assertThat(client.get(g -> g.index(SearchIndex.CASES.alias()).id(late.id()), JsonNode.class).source().get("embedding")).hasSize(384);
        assertThat(new ElasticSimilarCases(client, embedder).find(Viewer.support("s"), query)).filteredOn(c -> c.id().equals(late.id()))
                .singleElement().satisfies(c -> assertThat(c.signalRanks()).containsKeys("text", "semantic"));
        assertThat(queue.backfill(100)).isZero();
    }

    @Test
    void whileTheAliasStillPointsAtAnIndexWithoutVectorsTheOtherSignalsAnswer() throws Exception {
        IndexAdmin plain = new IndexAdmin(client);
        String withoutVectors = plain.createPhysical(SearchIndex.CASES);
        try {
            plain.pointAlias(SearchIndex.CASES, withoutVectors);
            new BulkWriter(client, documents).write(SearchIndex.CASES, SearchIndex.CASES.alias(), Map.of(pdfCrash.id(), 1L, acrobatQuits.id(), 1L));
            plain.refresh(SearchIndex.CASES);

            SimilarQuery similar = new SimilarQuery(acrobatQuits.id(), "PDF attachment crashes the browser", null, List.of(), List.of(), null, 10);
            assertThat(new ElasticSimilarCases(client, embedder).find(Viewer.support("s"), similar)).singleElement()
                    .satisfies(c -> assertThat(c.id()).isEqualTo(pdfCrash.id()))
                    .satisfies(c -> assertThat(c.signalRanks()).doesNotContainKey("semantic"));
            assertThat(new ElasticCaseSearch(client, embedder).search(Viewer.customer(owner),
                    new CaseQuery("pdf attachment", io.peergraph.search.cases.CaseFilter.none(), 10, null)).hits())
                    .extracting(CaseHit::id).containsExactly(pdfCrash.id());
        } finally {
            admin.pointAlias(SearchIndex.CASES, index);
            admin.delete(withoutVectors);
        }
    }

    @Test
    void theIndexOfAnotherModelIsNotCurrentSoTheRelayRebuildsIt() throws Exception {
        assertThat(index).startsWith(SearchIndex.CASES.versionedPrefix() + "-bge-small-");
        assertThat(admin.holdsCurrentMapping(SearchIndex.CASES)).isTrue();
        assertThat(new IndexAdmin(client).holdsCurrentMapping(SearchIndex.CASES)).isFalse();
        assertThat(new IndexAdmin(client, EmbeddingModel.MINILM).holdsCurrentMapping(SearchIndex.CASES)).isFalse();
        var vector = client.indices().getMapping(m -> m.index(index)).result().get(index).mappings()
                .properties().get("embedding").denseVector();
        assertThat(vector.dims()).isEqualTo(384);
        assertThat(vector.similarity()).isEqualTo(co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity.Cosine);
        assertThat(vector.indexOptions().type()).isEqualTo(co.elastic.clients.elasticsearch._types.mapping.DenseVectorIndexOptionsType.Hnsw);
    }
}
