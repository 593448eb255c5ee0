package io.peergraph.search.sync;

import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.search.index.SearchIndex;
import java.util.Optional;

/** A document that an outbox event makes stale. */
public record DocumentRef(SearchIndex index, String id) {

    /** The search document an event touches, if any (tags on configurations, for one, are not searched). */
    public static Optional<DocumentRef> of(OutboxEvent event) {
        return SearchIndex.forId(event.aggregateId()).map(index -> new DocumentRef(index, event.aggregateId()));
    }
}
