package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.peergraph.graph.access.Viewer;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case search for the API: Elasticsearch when it answers, the graph when it does not. Only unavailability
 * degrades (no connection, index missing, server overloaded); a query the server rejects is a bug and fails.
 */
public class CaseFinder {

    private static final Logger log = LoggerFactory.getLogger(CaseFinder.class);

    private final ElasticCaseSearch search;
    private final ElasticSimilarCases similar;
    private final GraphCaseSearch graph;

    public CaseFinder(ElasticCaseSearch search, ElasticSimilarCases similar, GraphCaseSearch graph) {
        this.search = search;
        this.similar = similar;
        this.graph = graph;
    }

    public CasePage search(Viewer viewer, CaseQuery query) {
        try {
            return search.search(viewer, query);
        } catch (IOException | ElasticsearchException e) {
            degradeOrThrow(e);
            return graph.search(viewer, query);
        }
    }

    /** Similar cases and whether the graph fallback produced them. */
    public Similar similar(Viewer viewer, SimilarQuery query) {
        try {
            return new Similar(similar.find(viewer, query), false);
        } catch (IOException | ElasticsearchException e) {
            degradeOrThrow(e);
            return new Similar(graph.similar(viewer, query), true);
        }
    }

    public record Similar(List<SimilarCase> cases, boolean degraded) {}

    private static void degradeOrThrow(Exception e) {
        if (e instanceof ElasticsearchException es && !List.of(404, 429, 503).contains(es.status())) {
            throw es;
        }
        log.warn("Search backend unavailable, answering from the graph: {}", e.toString());
    }
}
