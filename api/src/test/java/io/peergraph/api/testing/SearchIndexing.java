package io.peergraph.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.OutboxRelay;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The service's search side for tests: wait for the managed Elasticsearch, then index what was committed. */
@Component
public class SearchIndexing {

    private final OutboxRelay relay;
    private final IndexAdmin admin;

    public SearchIndexing(OutboxRelay relay, IndexAdmin admin) {
        this.relay = relay;
        this.admin = admin;
    }

    /** Waits (up to five minutes: a busy machine starts Elasticsearch slowly) until the relay reaches the server. */
    public void awaitUp() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!relay.status().backendUp() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(relay.status().backendUp()).as("managed Elasticsearch up: %s", relay.status()).isTrue();
    }

    /** Indexes every committed change and makes the cases searchable. */
    public void sync() throws IOException {
        relay.drain();
        admin.refresh(SearchIndex.CASES);
    }
}
