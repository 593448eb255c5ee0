package io.peergraph.search.cases;

import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.searchable.GraphReportSearch;
import io.peergraph.search.sync.CaseDocument;
import java.util.List;
import java.util.Map;

/**
 * The fallback while Elasticsearch is unreachable: case search and similar cases answered by graph-model's
 * {@link GraphReportSearch} (the graph's full-text index and graph overlap), in the shapes the index answers in.
 * Same visibility rules and filters; no facets, highlights or stemming.
 */
public class GraphCaseSearch {

    private final GraphReportSearch graph;

    public GraphCaseSearch(GraphReportSearch graph) {
        this.graph = graph;
    }

    public CasePage search(Viewer viewer, CaseQuery query) {
        CaseFilter f = query.filter();
        GraphReportSearch.Filter filter = new GraphReportSearch.Filter(viewer, f.productId(), f.symptomIds(),
                f.configItemIds(), f.statuses(), f.channels(), f.from(), f.to(), f.tags());
        List<CaseHit> hits = graph.search(filter, query.hasText() ? query.text() : null,
                        query.after() == null ? null : query.after().value(), query.after() == null ? null : query.after().id(),
                        query.size() + 1).stream()
                .map(h -> new CaseHit(h.id(), h.score(), new CaseQuery.SortKey(h.key(), h.id()), Map.of())).toList();
        boolean more = hits.size() > query.size();
        return new CasePage(more ? hits.subList(0, query.size()) : hits, -1, List.of(), more, true);
    }

    /** Cases sharing configuration items (weighted by rarity), symptoms and the product with the query (see GraphReportSearch). */
    public List<SimilarCase> similar(Viewer viewer, SimilarQuery query) {
        return graph.similar(viewer, query.configItemIds(), query.symptomIds(), query.productId(), query.excludeId(), query.size())
                .stream().map(s -> new SimilarCase(s.id(), s.score(),
                        s.sharedItems().stream().map(i -> new CaseDocument.Item(i.id(), i.kind(), i.value())).toList(),
                        s.sharedSymptomIds(), s.sameProduct(), List.of(), Map.of("graph", 1))).toList();
    }
}
