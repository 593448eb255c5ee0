package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;

/** The answers of one {@code _msearch} round trip, each failing as the single search it stands for would. */
final class MultiSearchAnswers {

    private MultiSearchAnswers() {}

    /**
     * The i-th answer. A failed search throws with its own status, so that {@link CaseFinder} degrades on the
     * same statuses (404, 429, 503) as for a single search and reports the others.
     */
    static <T> MultiSearchItem<T> get(MsearchResponse<T> response, int i) {
        MultiSearchResponseItem<T> item = response.responses().get(i);
        if (item.isFailure()) {
            throw new ElasticsearchException("msearch", item.failure());
        }
        return item.result();
    }
}
