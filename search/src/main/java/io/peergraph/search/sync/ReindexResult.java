package io.peergraph.search.sync;

import java.time.Duration;

/** What a rebuild did: the new physical index behind the alias, documents loaded, events replayed. */
public record ReindexResult(String alias, String physicalIndex, long documents, long replayedEvents, Duration took) {}
