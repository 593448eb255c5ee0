package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.search.index.SearchIndex;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many cases the index holds, counted at most once a minute: the similar-case text signal scales its
 * "too common to tell cases apart" cut-off with it, and a count per question would double the round trips.
 */
final class IndexSize {

    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final ElasticsearchClient client;
    private final Clock clock;
    private volatile long count = -1;
    private volatile Instant countedAt = Instant.MIN;

    IndexSize(ElasticsearchClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    long cases() throws IOException {
        Instant now = clock.instant();
        if (count < 0 || countedAt.plus(MAX_AGE).isBefore(now)) {
            count = client.count(c -> c.index(SearchIndex.CASES.alias())).count();
            countedAt = now;
        }
        return count;
    }
}
