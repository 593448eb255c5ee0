package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.MultisearchBody;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.peergraph.search.index.SearchIndex;

/** Searches of the cases index sent together in one {@code _msearch} round trip, and their answers. */
final class CasesMultiSearch {

    private CasesMultiSearch() {}

    /** One search of the cases (through the alias). */
    static RequestItem request(MultisearchBody body) {
        return RequestItem.of(r -> r.header(h -> h.index(SearchIndex.CASES.alias())).body(body));
    }

    /**
     * The i-th answer. A failed search throws with its own status, so that {@link CaseFinder} degrades on the
     * same statuses (404, 429, 503) as for a single search and reports the others.
     */
    static <T> MultiSearchItem<T> answer(MsearchResponse<T> response, int i) {
        MultiSearchResponseItem<T> item = response.responses().get(i);
        if (item.isFailure()) {
            throw new ElasticsearchException("msearch", item.failure());
        }
        return item.result();
    }
}
