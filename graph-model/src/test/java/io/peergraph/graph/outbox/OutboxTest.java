package io.peergraph.graph.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxTest {

    static Neo4jClient client;
    static TransactionTemplate tx;
    static OutboxFeed feed;

    @BeforeAll
    static void connect() {
        OutboxSchema.apply(SharedNeo4j.driver());
        client = Neo4jClient.create(SharedNeo4j.driver());
        tx = new TransactionTemplate(new Neo4jTransactionManager(SharedNeo4j.driver()));
        feed = new OutboxFeed(client);
    }

    @Test
    void anEventCommitsWithTheChangeAndRollsBackWithIt() {
        long before = feed.latestSeq();
        ProductStore products = new ProductStore(client);
        String name = "Rolled back " + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            products.findOrAddUnverified(name);
            throw new IllegalStateException("abort");
        })).hasMessage("abort");
        assertThat(feed.after(before, 10)).isEmpty();

        String productId = tx.execute(status -> products.findOrAddUnverified(name)).id();
        assertThat(feed.after(before, 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ProductChanged);
            assertThat(e.aggregateId()).isEqualTo(productId);
            assertThat(e.seq()).isEqualTo(before + 1);
        });
    }

    @Test
    void concurrentWritersGetUniqueGaplessNumbers() throws Exception {
        long before = feed.latestSeq();
        int writers = 4;
        int perWriter = 50;
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String id = "w" + writer + "-" + i;
                        tx.executeWithoutResult(status -> Outbox.record(client, EventType.ReportChanged, id, Map.of("n", id)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        List<OutboxEvent> events = feed.after(before, 10_000);
        assertThat(events).extracting(OutboxEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + writers * perWriter).boxed().toList());
        assertThat(events).extracting(OutboxEvent::aggregateId).doesNotHaveDuplicates();
        assertThat(events.getFirst().payload()).startsWith("{\"n\":\"w");
    }

    @Test
    void eventsArePrunedOnlyOnceEveryConsumerHasPassedThem() {
        long start = feed.latestSeq();
        String fast = "fast-" + UUID.randomUUID();
        String slow = "slow-" + UUID.randomUUID();
        feed.register(fast, start);
        feed.register(slow, start);
        tx.executeWithoutResult(status -> Outbox.recordAll(client, EventType.TagApplied, List.of("a", "b", "c"), Map.of("tag", "x \"y\"")));
        assertThat(feed.backlog(fast)).isEqualTo(3);

        feed.advance(fast, start + 3);
        feed.prune(1000, Duration.ZERO);
        assertThat(feed.after(start, 10)).hasSize(3);

        feed.advance(slow, start + 1);
        feed.advance(slow, start); // never backwards
        assertThat(feed.cursor(slow)).contains(start + 1);
        feed.prune(1000);
        assertThat(feed.after(start, 10)).as("kept for the retention time, for followers without a cursor").hasSize(3);
        feed.prune(1000, Duration.ZERO);
        assertThat(feed.after(start, 10)).extracting(OutboxEvent::aggregateId).containsExactly("b", "c");
        assertThat(feed.after(start, 10).getFirst().payload()).isEqualTo("{\"tag\":\"x \\\"y\\\"\"}");

        feed.unregister(slow);
        feed.unregister(fast);
    }
}
