package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchItem;
import co.elastic.clients.elasticsearch.core.msearch.MultisearchBody;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.graph.access.Viewer;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.text.Stems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faceted full-text search over cases in Elasticsearch. User text becomes English stems in a {@code match} query
 * (and words in the highlight query): no operator, wildcard or field syntax is ever interpreted.
 * Pages continue with {@code search_after} on (score, id), or (time, id) without text, so a cursor stays valid
 * while new cases arrive.
 * <p>
 * With an embedding model the question is embedded too, and the cases nearest it (kNN, {@link #SEMANTIC_DEPTH})
 * are matched beside the words: a case that says the same thing in other words is found, after those that hold
 * the words (a nearest case scores its similarity, 0 to 1, on top of its BM25 score if it has one).
 */
public final class ElasticCaseSearch {

    /** Facets everyone may see, then those only support staff see (they describe others' private details). */
    private static final List<String> FACETS = List.of("status", "productName", "symptomKeys", "tags");
    private static final List<String> SUPPORT_FACETS = List.of("channels", "outcomes");
    private static final int FACET_SIZE = 20;
    /** Every word of up to three, three in four of more (Elasticsearch's minimum_should_match syntax). */
    static final String MOST_WORDS = "3<75%";
    private static final String ANY_WORD = "1";
    /** Nearest cases the semantic signal adds to a text search. */
    static final int SEMANTIC_DEPTH = 50;
    private static final String TEXT = "text";

    private final ElasticsearchClient client;
    private final CaseEmbedder embedder;

    public ElasticCaseSearch(ElasticsearchClient client) {
        this(client, null);
    }

    /** {@code embedder}: the model of the cases index's vectors, or {@code null} for words only. */
    public ElasticCaseSearch(ElasticsearchClient client, CaseEmbedder embedder) {
        this.client = client;
        this.embedder = embedder;
    }

    public CasePage search(Viewer viewer, CaseQuery query) throws IOException {
        List<Query> filters = new ArrayList<>(CaseFilters.visibleTo(viewer));
        filters.addAll(CaseFilters.of(query.filter()));
        String stems = Stems.joined(query.text()); // empty as CaseQuery.hasText says: no text, or stop words only
        if (stems.isEmpty()) {
            return page(viewer, query, Query.of(q -> q.matchAll(m -> m)), filters, false);
        }
        Query mostWords = textQuery(viewer, stems, MOST_WORDS);
        if (embedder != null) {
            try {
                return search(viewer, query, filters, stems, mostWords, nearest(viewer, query.text(), filters));
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                if (e.status() != 400) {
                    throw e;
                }
                // The alias still points at an index without vectors (a rebuild for a new model is under way):
                // the words answer alone until it swaps.
            }
        }
        return search(viewer, query, filters, stems, mostWords, null);
    }

    private CasePage search(Viewer viewer, CaseQuery query, List<Query> filters, String stems, Query mostWords, Query nearest)
            throws IOException {
        CasePage page = page(viewer, query, withNearest(mostWords, nearest), filters, true);
        boolean wordsMatched = nearest == null ? !page.hits().isEmpty() : page.hits().stream().anyMatch(CaseHit::matchedText);
        if (wordsMatched || (query.after() != null && matchesAny(mostWords, filters))) {
            return page;
        }
        // Nothing holds most of the words: rather than an empty answer, the cases holding any of them, best first.
        return page(viewer, query, withNearest(textQuery(viewer, stems, ANY_WORD), nearest), filters, true);
    }

    /**
     * The cases whose embedding is nearest the question's, among those the filters let through. The question's vector
     * is the one computed when this viewer last asked it, if the embedder still holds it: a next page, another sort
     * or a facet asks the same text again.
     * <p>
     * The kNN clause is rewritten by each of the page's and the counts' searches, but the server runs the two in
     * parallel: searching the nearest first and passing their ids and scores to both was not faster at 100k
     * (one more round trip, the two graph searches no longer side by side; docs/benchmarks.md).
     */
    private Query nearest(Viewer viewer, String text, List<Query> filters) {
        List<Float> boxed = ElasticSimilarCases.boxed(embedder.question(viewer.customerId(), text));
        return Query.of(q -> q.knn(k -> k.field("embedding").queryVector(boxed).k(SEMANTIC_DEPTH)
                .numCandidates(2 * SEMANTIC_DEPTH).filter(filters).queryName("semantic")));
    }

    /** The words' query (named, so a hit tells whether it holds them) or the nearest cases; the words alone without a model. */
    private static Query withNearest(Query words, Query nearest) {
        if (nearest == null) {
            return words;
        }
        Query named = Query.of(q -> q.bool(b -> b.must(words).queryName(TEXT)));
        return Query.of(q -> q.bool(b -> b.should(named).should(nearest).minimumShouldMatch("1")));
    }

    /** {@code byScore}: best first and paged by (score, id); otherwise newest first, paged by (time, id). */
    private CasePage page(Viewer viewer, CaseQuery query, Query match, List<Query> filters, boolean byScore) throws IOException {
        List<String> facets = new ArrayList<>();
        if (query.facets()) {
            facets.addAll(FACETS);
            if (viewer.support()) {
                facets.addAll(SUPPORT_FACETS);
            }
        }
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        facets.forEach(f -> aggs.put(f, Aggregation.of(a -> a.terms(t -> t.field(f).size(FACET_SIZE)))));
        List<SortOptions> sort = byScore
                ? List.of(SortOptions.of(s -> s.score(o -> o.order(SortOrder.Desc))), SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))))
                : List.of(SortOptions.of(s -> s.field(f -> f.field("occurredAt").order(SortOrder.Desc))), SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));
        Query visibleMatches = Query.of(q -> q.bool(b -> b.must(match).filter(filters)));
        List<RequestItem> searches = new ArrayList<>();
        searches.add(CasesMultiSearch.request(MultisearchBody.of(s -> {
            s.query(visibleMatches)
                    .sort(sort)
                    .size(query.size() + 1)
                    .source(src -> src.fetch(false))
                    // No total here: the server may stop counting early (block-max WAND skips what cannot rank).
                    .trackTotalHits(t -> t.enabled(false))
                    .highlight(h -> {
                        if (byScore) {
                            h.highlightQuery(highlightQuery(viewer, query.text()));
                        }
                        // The html encoder escapes the stored text (a report's "<img onerror=...>" comes back as text) and
                        // leaves only the markers as markup.
                        h.preTags("<em>").postTags("</em>").encoder(HighlighterEncoder.Html).fragmentSize(150).numberOfFragments(3)
                                .fields("title", f -> f.numberOfFragments(0))
                                .fields("text", f -> f);
                        if (viewer.support()) {
                            h.fields("interactions", f -> f);
                        }
                        return h;
                    });
            if (query.after() != null) {
                s.searchAfter(byScore ? FieldValue.of(query.after().value()) : FieldValue.of((long) query.after().value()),
                        FieldValue.of(query.after().id()));
            }
            return s;
        })));
        boolean counted = query.total() || !aggs.isEmpty();
        if (counted) {
            // The total and the facets pass over every match: a search of its own in the same round trip, which the
            // server runs in parallel with the page's and may answer from its request cache on later pages.
            searches.add(CasesMultiSearch.request(MultisearchBody.of(s -> s.query(visibleMatches).size(0)
                    .trackTotalHits(t -> t.enabled(query.total())).aggregations(aggs))));
        }
        MsearchResponse<Void> response = client.msearch(m -> m.searches(searches), Void.class);
        List<CaseHit> hits = new ArrayList<>();
        for (Hit<Void> hit : CasesMultiSearch.answer(response, 0).hits().hits()) {
            double key = hit.sort().getFirst().isDouble() ? hit.sort().getFirst().doubleValue() : hit.sort().getFirst().longValue();
            double score = hit.score() == null ? 0 : hit.score();
            hits.add(new CaseHit(hit.id(), score, new CaseQuery.SortKey(key, hit.id()), hit.highlight(), hit.matchedQueries()));
        }
        boolean more = hits.size() > query.size();
        MultiSearchItem<Void> counts = counted ? CasesMultiSearch.answer(response, 1) : null;
        List<CasePage.Facet> facetCounts = facets.stream().map(f -> new CasePage.Facet(f,
                counts.aggregations().get(f).sterms().buckets().array().stream()
                        .map((StringTermsBucket b) -> new CasePage.Bucket(b.key().stringValue(), b.docCount())).toList())).toList();
        long total = query.total() ? counts.hits().total().value() : -1;
        return new CasePage(more ? hits.subList(0, query.size()) : hits, total, facetCounts, more, false);
    }

    /** Whether any visible case matches at all: decides, on a later page, which of the two text queries paged. */
    private boolean matchesAny(Query match, List<Query> filters) throws IOException {
        return client.search(s -> s.index(SearchIndex.CASES.alias())
                .query(q -> q.bool(b -> b.must(match).filter(filters)))
                .size(0).terminateAfter(1L).trackTotalHits(t -> t.count(1)), Void.class).hits().total().value() > 0;
    }

    /**
     * The English stems of the question against the one field that holds every text the viewer may search: title (twice,
     * so that it weighs more), text and symptom names, and for support staff also the interactions (customers never
     * match on them: they do not see other people's). One field keeps the query a single term disjunction the
     * server can prune (block-max WAND); a cross_fields query over the four text fields or'ed with a stems match
     * took three to four times as long at 300k cases (docs/search.md). {@code wordsToMatch} is a
     * minimum-should-match: with {@link #MOST_WORDS} a case must hold every word of a short question and three in
     * four of a longer one.
     */
    private static Query textQuery(Viewer viewer, String stems, String wordsToMatch) {
        String field = viewer.support() ? "supportMatchStems" : "matchStems";
        return Query.of(q -> q.match(m -> m.field(field).query(stems).minimumShouldMatch(wordsToMatch)));
    }

    /**
     * What the highlights mark: the words as typed (stop words out) in the fields shown, which the stems query does
     * not search; run on the page's hits only.
     */
    private static Query highlightQuery(Viewer viewer, String text) {
        List<String> fields = new ArrayList<>(List.of("title", "text"));
        if (viewer.support()) {
            fields.add("interactions");
        }
        return Query.of(q -> q.multiMatch(m -> m.query(Stems.wordsWithoutStopWords(text)).fields(fields)));
    }
}
