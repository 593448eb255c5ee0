package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultisearchBody;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.graph.access.Viewer;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.search.text.Stems;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Similar cases, hybrid: each signal ranks candidates on its own and {@link RankFusion} fuses the ranks.
 * <ul>
 * <li>{@code text}: {@code more_like_this} over the stemmed title and text: the query's most distinctive terms,
 *     leaving out those in more than a fifth of the cases;
 * <li>{@code title}: the stemmed title against titles (short summaries of the same problem tend to agree);
 * <li>{@code items}, {@code symptoms}, {@code product}: overlap, each shared value weighted by its rarity (BM25
 *     idf of a term query on a keyword field), so a rare GPU counts more than a common RAM size.
 * <li>{@code semantic} (with an embedding model): the cases whose embedding is nearest the question's (kNN on
 *     the HNSW graph of the {@code embedding} field), which finds a report that says the same thing in other
 *     words. A case not embedded yet is simply absent from this signal and found by the others.
 * </ul>
 * All signals go to the server in one {@code _msearch} round trip, each filtered by what the viewer may see and
 * returning ids only; a multi-get then fetches what the explanations need for the top k alone.
 */
public final class ElasticSimilarCases {

    /** Candidates each signal contributes to the fusion. */
    public static final int DEPTH = 100;
    private static final Map<String, Double> WEIGHTS = Map.of("text", 1.0, "title", 1.0, "items", 1.0, "symptoms", 1.0, "product", 0.5,
            "semantic", 1.0);
    /** Candidates the HNSW search visits per shard for the semantic signal's {@link #DEPTH} nearest. */
    static final int KNN_CANDIDATES = 2 * DEPTH;

    /**
     * A term in more than this share of the cases says little about which case is alike ("game", "crash"): the
     * text signal leaves it out. Measured on the SeaMonkey duplicates (bench/run-relevance.sh): 0.2 kept recall@10
     * and raised recall@5 over no cut-off; 0.1 and 0.05 ranked worse. It also makes the query cheap: the common
     * terms' long postings were most of its time at 300k cases.
     */
    public static final double COMMON_TERM_SHARE = 0.2;
    /** Below this many cases every term counts: in a small index a share says nothing. */
    private static final int MIN_MAX_DOC_FREQ = 20;

    private final ElasticsearchClient client;
    private final IndexSize indexSize;
    private final double commonTermShare;
    private final CaseEmbedder embedder;

    public ElasticSimilarCases(ElasticsearchClient client) {
        this(client, COMMON_TERM_SHARE, null);
    }

    /** {@code embedder}: the model of the cases index's vectors, or {@code null} for no semantic signal. */
    public ElasticSimilarCases(ElasticsearchClient client, CaseEmbedder embedder) {
        this(client, COMMON_TERM_SHARE, embedder);
    }

    /** {@code commonTermShare}: the share of cases above which a term is too common to count (1 keeps them all). */
    public ElasticSimilarCases(ElasticsearchClient client, double commonTermShare, CaseEmbedder embedder) {
        this.client = client;
        this.indexSize = new IndexSize(client, Clock.systemUTC());
        this.commonTermShare = commonTermShare;
        this.embedder = embedder;
    }

    public List<SimilarCase> find(Viewer viewer, SimilarQuery query) throws IOException {
        List<String> queryStems = Stems.of(join(query.title(), query.text()));
        Map<String, MultisearchBody> signals = signalSearches(viewer, query, queryStems);
        if (signals.isEmpty()) {
            return List.of();
        }
        List<RequestItem> searches = signals.values().stream().map(CasesMultiSearch::request).toList();
        MsearchResponse<Void> response = client.msearch(m -> m.searches(searches), Void.class);

        RankFusion fusion = new RankFusion();
        List<String> names = List.copyOf(signals.keySet());
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("semantic") && response.responses().get(i).isFailure()) {
                // The alias still points at an index without vectors (the rebuild for a new model is under way):
                // the other signals answer alone until it swaps.
                continue;
            }
            fusion.add(names.get(i), WEIGHTS.get(names.get(i)),
                    CasesMultiSearch.answer(response, i).hits().hits().stream().map(Hit::id).toList());
        }
        List<String> top = fusion.top(query.size());
        if (top.isEmpty()) {
            return List.of();
        }
        // The explanations need what the winners hold: one multi-get for the top k only.
        MgetResponse<CaseDocument> winners = client.mget(m -> m.index(SearchIndex.CASES.alias()).ids(top)
                .sourceIncludes("stems", "configItemIds", "configItems", "symptomIds", "productId"), CaseDocument.class);
        Map<String, CaseDocument> sources = new HashMap<>();
        winners.docs().stream().filter(d -> d.isResult() && d.result().found())
                .forEach(d -> sources.put(d.result().id(), d.result().source()));
        // A winner deleted between the two requests is left out rather than explained from nothing.
        return top.stream().filter(sources::containsKey).map(id -> explain(id, fusion, sources.get(id), query, queryStems)).toList();
    }

    /**
     * Each signal's whole search (what the viewer may see, the asked case left out), by signal name, as
     * {@link #find} sends them: public so that the search bench can time each signal alone.
     */
    public Map<String, MultisearchBody> signalSearches(Viewer viewer, SimilarQuery query) throws IOException {
        return signalSearches(viewer, query, Stems.of(join(query.title(), query.text())));
    }

    /**
     * What the viewer may see is a {@code post_filter}, checked only on the cases a signal would rank: as a query
     * filter it matched about 90 % of the cases, led the conjunction and cost the server's pruning (a customer's
     * five signals took 21 ms instead of 13 at 300k cases). Ranks only: ids, no sources (5 × 100 sources were most
     * of the bytes and of the time).
     */
    private Map<String, MultisearchBody> signalSearches(Viewer viewer, SimilarQuery query, List<String> queryStems) throws IOException {
        int maxDocFreq = (int) Math.max(MIN_MAX_DOC_FREQ, Math.min(Integer.MAX_VALUE, indexSize.cases() * commonTermShare));
        List<Query> visible = CaseFilters.visibleTo(viewer);
        List<Query> exclude = query.excludeId() == null ? List.of() : List.of(CaseFilters.term("id", query.excludeId()));
        Map<String, MultisearchBody> out = new LinkedHashMap<>();
        signals(query, queryStems, maxDocFreq).forEach((name, signal) -> out.put(name, MultisearchBody.of(b -> {
            b.query(q -> q.bool(x -> x.must(signal).mustNot(exclude))).size(DEPTH)
                    .source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false));
            if (!visible.isEmpty()) {
                b.postFilter(f -> f.bool(x -> x.filter(visible)));
            }
            return b;
        })));
        if (embedder != null) {
            String input = embedder.input(query.title(), query.text());
            if (!input.isBlank()) {
                List<Float> vector = boxed(storedOrEmbedded(viewer, query.excludeId(), input));
                // kNN filters inside the graph search (a post_filter would leave fewer than DEPTH): what the viewer
                // may see, the asked case left out.
                List<Query> knnFilter = new java.util.ArrayList<>(visible);
                exclude.forEach(x -> knnFilter.add(Query.of(q -> q.bool(b -> b.mustNot(x)))));
                out.put("semantic", MultisearchBody.of(b -> b.knn(k -> k.field("embedding").queryVector(vector).k(DEPTH)
                                .numCandidates(KNN_CANDIDATES).filter(knnFilter))
                        .size(DEPTH).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))));
            }
        }
        return out;
    }

    /**
     * The question's vector: asked about a case whose vector the index holds for this very text (same
     * {@code embeddingKey}), that one (a get by id, a millisecond; embedding a report's text on the request thread
     * took 100 ms on the busy bench machine); otherwise the viewer's question's vector (embedded here, or kept from
     * when they asked the same text).
     */
    private float[] storedOrEmbedded(Viewer viewer, String caseId, String input) throws IOException {
        if (caseId != null) {
            var stored = client.get(g -> g.index(SearchIndex.CASES.alias()).id(caseId).sourceIncludes("embedding", "embeddingKey"),
                    com.fasterxml.jackson.databind.JsonNode.class);
            var source = stored.found() ? stored.source() : null;
            if (source != null && source.has("embedding")
                    && EmbeddedCase.key(embedder.model(), input).equals(source.path("embeddingKey").asText(null))) {
                var values = source.get("embedding");
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) values.get(i).asDouble();
                }
                return vector;
            }
        }
        return embedder.question(viewer.customerId(), input);
    }

    static List<Float> boxed(float[] vector) {
        List<Float> out = new java.util.ArrayList<>(vector.length);
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }

    private static Map<String, Query> signals(SimilarQuery query, List<String> queryStems, int maxDocFreq) {
        Map<String, Query> out = new LinkedHashMap<>();
        if (!queryStems.isEmpty()) {
            String like = String.join(" ", queryStems);
            out.put("text", Query.of(q -> q.moreLikeThis(m -> m.fields("stems").like(l -> l.text(like))
                    .minTermFreq(1).minDocFreq(1).maxDocFreq(maxDocFreq).maxQueryTerms(40)
                    // Explicit: the default 30% finds nothing for short texts (PLATFORM.md).
                    .minimumShouldMatch("1"))));
        }
        String titleStems = Stems.joined(query.title());
        if (!titleStems.isEmpty()) {
            out.put("title", Query.of(q -> q.match(m -> m.field("titleStems").query(titleStems))));
        }
        anyTerm(out, "items", "configItemIds", query.configItemIds());
        anyTerm(out, "symptoms", "symptomIds", query.symptomIds());
        if (query.productId() != null) {
            out.put("product", CaseFilters.term("productId", query.productId()));
        }
        return out;
    }

    private static void anyTerm(Map<String, Query> out, String signal, String field, List<String> values) {
        if (!values.isEmpty()) {
            out.put(signal, Query.of(q -> q.bool(b -> {
                values.forEach(v -> b.should(CaseFilters.term(field, v)));
                return b.minimumShouldMatch("1");
            })));
        }
    }

    private static SimilarCase explain(String id, RankFusion fusion, CaseDocument doc, SimilarQuery query, List<String> queryStems) {
        Set<String> docStems = new HashSet<>(List.of(doc.stems() == null ? new String[0] : doc.stems().split(" ")));
        List<String> matched = queryStems.stream().distinct().filter(docStems::contains).limit(10).toList();
        List<CaseDocument.Item> items = doc.configItems() == null ? List.of()
                : doc.configItems().stream().filter(i -> query.configItemIds().contains(i.id())).toList();
        List<String> symptoms = doc.symptomIds() == null ? List.of()
                : doc.symptomIds().stream().filter(query.symptomIds()::contains).toList();
        return new SimilarCase(id, fusion.score(id), items, symptoms,
                query.productId() != null && query.productId().equals(doc.productId()), matched, fusion.ranks(id));
    }

    static String join(String title, String text) {
        return title == null ? text : text == null ? title : title + "\n" + text;
    }
}
