package io.peergraph.search.cases;

import java.util.List;

/**
 * A page of cases with facet counts over all matches. {@code degraded}: Elasticsearch was unreachable and the
 * graph's full-text index answered (no facets or highlights, plainer relevance).
 */
public record CasePage(List<CaseHit> hits, long total, List<Facet> facets, boolean hasNextPage, boolean degraded) {

    /** Counts of matching cases per value of a field, most frequent first. */
    public record Facet(String field, List<Bucket> buckets) {}

    public record Bucket(String value, long count) {}
}
