package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.text.Stems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faceted full-text search over cases in Elasticsearch. User text goes into {@code multi_match} and
 * {@code match} queries, which analyse it as words: no operator, wildcard or field syntax is ever interpreted.
 * Pages continue with {@code search_after} on (score, id), or (time, id) without text, so a cursor stays valid
 * while new cases arrive.
 */
public final class CaseSearch {

    /** Facets everyone may see, then those only support staff see (they describe others' private details). */
    private static final List<String> FACETS = List.of("status", "productName", "symptomKeys", "tags");
    private static final List<String> SUPPORT_FACETS = List.of("channels", "outcomes");
    private static final int FACET_SIZE = 20;
    /** Every word of up to three, three in four of more (Elasticsearch's minimum_should_match syntax). */
    static final String MOST_WORDS = "3<75%";
    private static final String ANY_WORD = "1";

    private final ElasticsearchClient client;

    public CaseSearch(ElasticsearchClient client) {
        this.client = client;
    }

    public CasePage search(Viewer viewer, CaseQuery query) throws IOException {
        List<Query> filters = new ArrayList<>(CaseFilters.visibleTo(viewer));
        filters.addAll(CaseFilters.of(query.filter()));
        if (!query.hasText()) {
            return page(viewer, query, Query.of(q -> q.matchAll(m -> m)), filters);
        }
        Query mostWords = textQuery(viewer, query.text(), MOST_WORDS);
        CasePage page = page(viewer, query, mostWords, filters);
        if (!page.hits().isEmpty() || (query.after() != null && matchesAny(mostWords, filters))) {
            return page;
        }
        // Nothing holds most of the words: rather than an empty answer, the cases holding any of them, best first.
        return page(viewer, query, textQuery(viewer, query.text(), ANY_WORD), filters);
    }

    private CasePage page(Viewer viewer, CaseQuery query, Query match, List<Query> filters) throws IOException {
        List<String> facets = new ArrayList<>();
        if (query.facets()) {
            facets.addAll(FACETS);
            if (viewer.support()) {
                facets.addAll(SUPPORT_FACETS);
            }
        }
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        facets.forEach(f -> aggs.put(f, Aggregation.of(a -> a.terms(t -> t.field(f).size(FACET_SIZE)))));
        List<SortOptions> sort = query.hasText()
                ? List.of(SortOptions.of(s -> s.score(o -> o.order(SortOrder.Desc))), SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))))
                : List.of(SortOptions.of(s -> s.field(f -> f.field("occurredAt").order(SortOrder.Desc))), SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));
        SearchResponse<Void> response = client.search(s -> {
            s.index(SearchIndex.CASES.alias())
                    .query(q -> q.bool(b -> b.must(match).filter(filters)))
                    .sort(sort)
                    .size(query.size() + 1)
                    .source(src -> src.fetch(false))
                    // Without an exact total the server may stop counting early (block-max WAND skips what cannot rank).
                    .trackTotalHits(t -> t.enabled(query.total()))
                    .aggregations(aggs)
                    .highlight(h -> {
                        h.preTags("<em>").postTags("</em>").fragmentSize(150).numberOfFragments(3)
                                .fields("title", f -> f.numberOfFragments(0))
                                .fields("text", f -> f);
                        if (viewer.support()) {
                            h.fields("interactions", f -> f);
                        }
                        return h;
                    });
            if (query.after() != null) {
                s.searchAfter(query.hasText() ? FieldValue.of(query.after().value()) : FieldValue.of((long) query.after().value()),
                        FieldValue.of(query.after().id()));
            }
            return s;
        }, Void.class);
        List<CaseHit> hits = new ArrayList<>();
        for (Hit<Void> hit : response.hits().hits()) {
            double key = hit.sort().getFirst().isDouble() ? hit.sort().getFirst().doubleValue() : hit.sort().getFirst().longValue();
            double score = hit.score() == null ? 0 : hit.score();
            hits.add(new CaseHit(hit.id(), score, new CaseQuery.SortKey(key, hit.id()), hit.highlight()));
        }
        boolean more = hits.size() > query.size();
        List<CasePage.Facet> facetCounts = facets.stream().map(f -> new CasePage.Facet(f,
                response.aggregations().get(f).sterms().buckets().array().stream()
                        .map((StringTermsBucket b) -> new CasePage.Bucket(b.key().stringValue(), b.docCount())).toList())).toList();
        long total = query.total() ? response.hits().total().value() : -1;
        return new CasePage(more ? hits.subList(0, query.size()) : hits, total, facetCounts, more, false);
    }

    /** Whether any visible case matches at all: decides, on a later page, which of the two text queries paged. */
    private boolean matchesAny(Query match, List<Query> filters) throws IOException {
        return client.search(s -> s.index(SearchIndex.CASES.alias())
                .query(q -> q.bool(b -> b.must(match).filter(filters)))
                .size(0).terminateAfter(1L).trackTotalHits(t -> t.count(1)), Void.class).hits().total().value() > 0;
    }

    /**
     * The words in the title and text (boosted title), their English stems, symptom names; for support staff
     * also the interactions. Customers never match on interactions: they do not see other people's.
     * {@code wordsToMatch} is a minimum-should-match: with {@link #MOST_WORDS} a case must hold every word of a
     * short question and three in four of a longer one, in any of the fields (cross_fields treats them as one).
     * Any word matched 226k of the 300k cases of the search bench's support questions and made the server score
     * and count facets over all of them; the words together are what support staff mean.
     */
    private static Query textQuery(Viewer viewer, String text, String wordsToMatch) {
        List<String> fields = new ArrayList<>(List.of("title^2", "text", "symptomNames"));
        if (viewer.support()) {
            fields.add("interactions");
        }
        String stems = Stems.joined(text);
        // Stop words out: "the" alone matched (and made the server score and count facets over) nearly every case.
        String words = Stems.wordsWithoutStopWords(text);
        String asked = words.isEmpty() ? text : words;
        return Query.of(q -> q.bool(b -> {
            b.should(s -> s.multiMatch(m -> m.query(asked).fields(fields).type(TextQueryType.CrossFields)
                    .operator(Operator.Or).minimumShouldMatch(wordsToMatch)));
            if (!stems.isEmpty()) {
                b.should(s -> s.match(m -> m.field("stems").query(stems).minimumShouldMatch(wordsToMatch)));
            }
            return b.minimumShouldMatch("1");
        }));
    }

}
