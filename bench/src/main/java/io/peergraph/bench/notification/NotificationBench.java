package io.peergraph.bench.notification;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.notification.RecipientMatcher;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.outbox.OutboxSchema;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.Privacy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fan-out of notifications on a generated community (bench/run-peers.sh's store): every customer owns the products
 * they reported about (items, so PEER_REPORT_ON_MY_PRODUCT has owners to match) and follows the product of their
 * first report. Then a seeded mix of events (40 % new reports, 30 % solutions, 20 % confirmations, 10 %
 * interactions, sampled by report so popular symptoms and products weigh as in life) is
 * <ol>
 *   <li>written as a backlog and drained: events/s matched and inbox entries/s delivered;</li>
 *   <li>written at a steady rate while the relay polls: p50/p99 from the event's commit to its inbox entries.</li>
 * </ol>
 * Usage: {@code NotificationBench storeDir [events=2000] [ratePerSecond=20] [pollMillis=250]}.
 */
public final class NotificationBench {

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        long pollMillis = args.length > 3 ? Long.parseLong(args[3]) : 250;
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, 0, 2L << 30);
             Driver driver = neo4j.driver()) {
            SchemaMigrations.apply(driver);
            OutboxSchema.apply(driver);
            subscriptions(driver);
            Neo4jClient client = Neo4jClient.create(driver);
            TransactionTemplate tx = new TransactionTemplate(new Neo4jTransactionManager(driver));
            System.out.printf("dataset: %d customers, %d reports, %d items owned, %d follows, %d solutions%n",
                    count(client, "MATCH (n:Customer) RETURN count(n) AS n"), count(client, "MATCH (n:Report) RETURN count(n) AS n"),
                    count(client, "MATCH (n:Item) RETURN count(n) AS n"), count(client, "MATCH ()-[f:FOLLOWS]->() RETURN count(f) AS n"),
                    count(client, "MATCH (n:Solution) RETURN count(n) AS n"));

            OutboxFeed feed = new OutboxFeed(client);
            Inbox inbox = new Inbox(client);
            String consumer = "bench-" + System.nanoTime();
            NotificationRelay relay = new NotificationRelay(consumer, feed, new RecipientMatcher(client, RecipientMatcher.DEFAULT_SIMILARITY, 5,
                    new BenchmarkNoise(new SecureRandom().generateSeed(32), 0.5, Duration.ofDays(1))),
                    inbox, tx, 200);
            relay.start();
            Workload workload = new Workload(client, tx, new Random(42));

            workload.write(events / 10); // warm-up: plans and page cache
            relay.drain();

            workload.write(events);
            long t0 = System.nanoTime();
            NotificationRelay.Result drained = relay.drain();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("backlog of %d events drained in %.1f s: %.2f events/s matched, %d inbox entries, %.0f entries/s delivered%n",
                    drained.events(), seconds, drained.events() / seconds, drained.delivered(), drained.delivered() / seconds);

            long from = feed.latestSeq();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread relayThread = Thread.ofPlatform().name("relay").start(() -> {
                while (writing.get()) {
                    relay.tick();
                    sleep(pollMillis);
                }
                relay.drain();
            });
            int steady = (int) Math.max(rate * 30, events / 4);
            long start = System.nanoTime();
            for (int i = 0; i < steady; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                workload.write(1);
            }
            writing.set(false);
            relayThread.join();
            // Per entry: the event's commit to the entry's write. Per event: to its last entry (an event's entries
            // commit together, so that is when all its recipients have it).
            long[] latencies = latencies(client, """
                    MATCH (n:Notification) WHERE n.seq > $from
                    RETURN duration.inSeconds(n.eventAt, n.createdAt).milliseconds AS ms
                    """, from);
            long[] perEvent = latencies(client, """
                    MATCH (n:Notification) WHERE n.seq > $from
                    WITH n.seq AS seq, min(n.eventAt) AS at, max(n.createdAt) AS done
                    RETURN duration.inSeconds(at, done).milliseconds AS ms
                    """, from);
            System.out.printf("steady %d events at %.2f/s, relay polling every %d ms: %d inbox entries, commit -> inbox entry p50 %d ms, p99 %d ms, max %d ms%n",
                    steady, rate, pollMillis, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
            System.out.printf("  per event (%d events with recipients), commit -> last inbox entry: p50 %d ms, p99 %d ms, max %d ms%n",
                    perEvent.length, percentile(perEvent, 0.50), percentile(perEvent, 0.99), perEvent.length == 0 ? 0 : perEvent[perEvent.length - 1]);
            feed.unregister(consumer);
        }
    }

    /** Items for the products customers reported about, and one follow each (idempotent: done once per store). */
    private static void subscriptions(Driver driver) {
        try (Session session = driver.session()) {
            if (session.run("MATCH (m:BenchSetup {name: 'notifications'}) RETURN count(m) AS n").single().get("n").asLong() > 0) {
                return;
            }
            long t0 = System.nanoTime();
            session.run("""
                    MATCH (c:Customer)
                    CALL (c) {
                      MATCH (c)-[:REPORTED]->(r:Report)-[:ABOUT]->(p:Product), (r)-[:ON]->(cfg:Configuration)
                      WITH c, p, head(collect(cfg)) AS cfg
                      CREATE (c)-[:OWNS]->(i:Item {id: 'itm_' + substring(replace(randomUUID(), '-', ''), 0, 20), status: 'ACTIVE',
                              privacy: 'PRIVATE', createdAt: datetime(), updatedAt: datetime()})-[:INSTANCE_OF]->(p)
                      MERGE (cfg)-[:OF_ITEM]->(i)
                    } IN TRANSACTIONS OF 2000 ROWS
                    """).consume();
            session.run("""
                    MATCH (c:Customer)
                    CALL (c) {
                      MATCH (c)-[:REPORTED]->(r:Report)-[:ABOUT]->(p:Product)
                      WITH c, p ORDER BY r.id LIMIT 1
                      MERGE (c)-[f:FOLLOWS]->(p) ON CREATE SET f.at = datetime()
                    } IN TRANSACTIONS OF 5000 ROWS
                    """).consume();
            session.run("CREATE (:BenchSetup {name: 'notifications', at: datetime()})").consume();
            System.out.printf("subscriptions set up in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Writes events through the stores, as the API would, sampled by report. */
    private static final class Workload {
        private final Neo4jClient client;
        private final TransactionTemplate tx;
        private final Random random;
        private final ReportStore reports;
        private final SolutionStore solutions;
        private final List<Map<String, Object>> sample;
        private final List<String> solutionIds;

        Workload(Neo4jClient client, TransactionTemplate tx, Random random) {
            this.client = client;
            this.tx = tx;
            this.random = random;
            this.reports = new ReportStore(client);
            this.solutions = new SolutionStore(client);
            this.sample = List.copyOf(client.query("""
                    MATCH (owner:Customer)-[:REPORTED]->(r:Report)-[:ON]->(cfg:Configuration), (r)-[:ABOUT]->(p:Product)
                    WHERE rand() < 0.02
                    RETURN owner.id AS owner, r.id AS report, cfg.id AS configuration, p.id AS product,
                           [(r)-[:SHOWS]->(s:Symptom) | s.id] AS symptoms
                    """).fetch().all());
            this.solutionIds = new ArrayList<>(client.query("MATCH (s:Solution) WHERE rand() < 0.1 RETURN s.id AS id")
                    .fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
        }

        @SuppressWarnings("unchecked")
        void write(int n) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = sample.get(random.nextInt(sample.size()));
                Map<String, Object> other = sample.get(random.nextInt(sample.size()));
                List<String> symptoms = (List<String>) row.get("symptoms");
                int dice = random.nextInt(10);
                tx.executeWithoutResult(status -> {
                    if (dice < 4) {
                        reports.create(new ReportStore.NewReport((String) row.get("owner"), (String) row.get("configuration"),
                                (String) row.get("product"), symptoms, "Bench report " + random.nextInt(), null, Privacy.COMMUNITY, null));
                    } else if (dice < 7) {
                        Solution s = solutions.propose(new SolutionStore.NewSolution((String) other.get("owner"), symptoms,
                                "Bench fix " + random.nextInt(), null, Solution.Kind.OTHER, null));
                        solutionIds.add(s.id());
                    } else if (dice < 9) {
                        solutions.confirm((String) other.get("owner"), solutionIds.get(random.nextInt(solutionIds.size())),
                                (String) other.get("configuration"), random.nextBoolean(), null);
                    } else {
                        reports.addInteraction((String) row.get("report"), Interaction.Channel.EMAIL, Interaction.Direction.OUTBOUND,
                                "bench", null, (String) other.get("owner"));
                    }
                });
            }
        }
    }

    private static long[] latencies(Neo4jClient client, String cypher, long from) {
        return client.query(cypher).bind(from).to("from").fetchAs(Long.class).mappedBy((t, r) -> r.get("ms").asLong()).all()
                .stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1)];
    }

    private static long count(Neo4jClient client, String cypher) {
        return client.query(cypher).fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NotificationBench() {}
}
