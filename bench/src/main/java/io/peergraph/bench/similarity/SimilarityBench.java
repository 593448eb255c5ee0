package io.peergraph.bench.similarity;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.similarpeers.SimilarConfiguration;
import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import io.peergraph.graph.similarpeers.SimilarityIndex;
import io.peergraph.graph.similarpeers.SimilarityProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * similarPeers top-10 (exact and approximate, on the same questions: latency and recall@10) and
 * benchmark(SIMILAR_PEERS) latency on a generated community, plus exactness against brute force on a sample.
 * Arguments (all optional, in order): customers (100000), queries (300), store directory
 * (bench/target/similarity-CUSTOMERS), approximate budget ({@link SimilarPeersQuery#DEFAULT_APPROXIMATE_BUDGET}),
 * benchmark questions (100).
 * The store is generated once (seed 42) and reused.
 */
public final class SimilarityBench {

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Path.of(args.length > 2 && !args[2].isEmpty() ? args[2] : "bench/target/similarity-" + customers);
        int budget = args.length > 3 ? Integer.parseInt(args[3]) : SimilarPeersQuery.DEFAULT_APPROXIMATE_BUDGET;
        // benchmark reads every value of the metric (seconds at 150k on a busy machine): fewer questions
        int benchmarkQueries = Math.min(queries, args.length > 4 ? Integer.parseInt(args[4]) : 100);
        long seed = 42;
        Files.createDirectories(dir);
        System.out.println("load average at start: " + loadAverage());
        // -Dbench.boltPort for a port of one's own on a shared machine; else any free one.
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"), Integer.getInteger("bench.boltPort", 0), 2L << 30);
             Driver driver = neo4j.driver()) {
            SchemaMigrations.apply(driver);
            Neo4jClient client = Neo4jClient.create(driver);
            Path marker = dir.resolve("loaded");
            if (!Files.exists(marker)) {
                long t0 = System.nanoTime();
                SimilarityCommunity.load(driver, customers, seed);
                Files.writeString(marker, "customers=" + customers + "\n");
                System.out.printf("loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("dataset: %d configurations, %d customers, %d config items, %d configurations with an fps value, %d measurements%n",
                    count(client, "MATCH (c:Configuration) RETURN count(c) AS n"), count(client, "MATCH (c:Customer) RETURN count(c) AS n"),
                    count(client, "MATCH (c:ConfigItem) RETURN count(c) AS n"), count(client, "MATCH ()-[l:LATEST_VALUE]->() RETURN count(l) AS n"),
                    count(client, "MATCH (m:Measurement) RETURN count(m) AS n"));

            List<Map<String, Object>> sample = List.copyOf(client.query("""
                    MATCH (o:Customer)-[:OWNS]->(c:Configuration) WHERE c.id STARTS WITH 'cfg_'
                    WITH o, c ORDER BY c.id SKIP $skip LIMIT $n RETURN o.id AS owner, c.id AS id""")
                    .bindAll(Map.of("skip", 7, "n", queries + 50)).fetch().all());
            SimilarityIndex index = new SimilarityIndex(client);
            long t0 = System.nanoTime();
            index.catchUp();
            System.out.printf("in-memory similarity index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            SimilarPeersQuery similar = new SimilarPeersQuery(client, index, budget);
            BenchmarkQuery benchmark = new BenchmarkQuery(client);
            Metric fps = new MetricStore(client).byKey(SimilarityCommunity.METRIC).orElseThrow();

            Map<String, List<String>> exact = new HashMap<>();
            Map<String, List<String>> approximate = new HashMap<>();
            report("similarPeers top-10 EXACT", sample, queries, row -> exact.put(id(row), top10(similar, row, SimilarPeersQuery.Mode.EXACT)));
            // Where the time goes: the two round trips before the walk, timed alone on the same questions.
            report("  phase: index catch-up (one read of the outbox)", sample, queries, row -> index.catchUp());
            report("  phase: profile (my items, their weights and families)", sample, queries, row -> similar.profile(id(row), null));
            report("similarPeers top-10 APPROXIMATE (budget " + budget + ")", sample, queries,
                    row -> approximate.put(id(row), top10(similar, row, SimilarPeersQuery.Mode.APPROXIMATE)));
            double recall = sample.stream().map(SimilarityBench::id).mapToDouble(id -> {
                List<String> truth = exact.get(id);
                return truth.isEmpty() ? 1.0 : (double) truth.stream().filter(approximate.get(id)::contains).count() / truth.size();
            }).average().orElse(1.0);
            long identical = sample.stream().map(SimilarityBench::id).filter(id -> exact.get(id).equals(approximate.get(id))).count();
            System.out.printf("APPROXIMATE recall@10 against EXACT: %.4f (identical top-10 for %d of %d questions)%n",
                    recall, identical, sample.size());

            Map<String, BenchmarkAnswer> answers = new HashMap<>();
            List<Map<String, Object>> benchmarkSample = sample.subList(0, benchmarkQueries + 20); // 20 warm-up
            report("benchmark SIMILAR_PEERS", benchmarkSample, benchmarkQueries, row -> answers.put(id(row), benchmark.run(new BenchmarkQuery.Question(
                    id(row), fps, Cohort.SIMILAR_PEERS, Set.of((String) row.get("owner")), 5)).orElseThrow()));
            System.out.printf("benchmark SIMILAR_PEERS answered for %d of %d configurations%n",
                    answers.values().stream().filter(a -> a instanceof BenchmarkAnswer.Answered).count(), answers.size());
            YearMonth december = YearMonth.of(2026, 12); // the generated measurements are in 2026
            Map<String, BenchmarkAnswer> withTrend = new HashMap<>();
            report("benchmark SIMILAR_PEERS with trend(12 months)", benchmarkSample, benchmarkQueries, row -> withTrend.put(id(row), benchmark.run(
                    new BenchmarkQuery.Question(id(row), fps, Cohort.SIMILAR_PEERS, Set.of((String) row.get("owner")), 5, 12, december))
                    .orElseThrow()));
            long shownMonths = withTrend.values().stream().filter(a -> a instanceof BenchmarkAnswer.Answered)
                    .flatMap(a -> ((BenchmarkAnswer.Answered) a).trend().stream()).filter(m -> m.suppressed() == null).count();
            long months = withTrend.values().stream().filter(a -> a instanceof BenchmarkAnswer.Answered)
                    .mapToLong(a -> ((BenchmarkAnswer.Answered) a).trend().size()).sum();
            System.out.printf("trend months shown: %d of %d (the others suppressed for k-anonymity)%n", shownMonths, months);
            exactness(client, similar, sample.subList(0, 20));
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static String id(Map<String, Object> row) {
        return (String) row.get("id");
    }

    private static List<String> top10(SimilarPeersQuery similar, Map<String, Object> row, SimilarPeersQuery.Mode mode) {
        return similar.run(new SimilarPeersQuery.Question(id(row), Set.of((String) row.get("owner")), null, 10, mode))
                .stream().map(SimilarConfiguration::configurationId).toList();
    }

    /** Warms up on the questions past {@code queries}, then times the first {@code queries}; all are answered. */
    private static void report(String name, List<Map<String, Object>> sample, int queries, java.util.function.Consumer<Map<String, Object>> run) {
        sample.subList(queries, sample.size()).forEach(run);
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            run.accept(sample.get(i));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %d queries, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (load average %s)%n", name, queries,
                nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(queries * 0.9) - 1] / 1e6, nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                nanos[queries - 1] / 1e6, loadAverage());
    }

    /** The top-10 against scoring every listed configuration. */
    @SuppressWarnings("unchecked")
    private static void exactness(Neo4jClient client, SimilarPeersQuery similar, List<Map<String, Object>> sample) {
        List<Map<String, Object>> all = List.copyOf(client.query("""
                MATCH (o:Customer)-[:OWNS]->(c:Configuration)
                WHERE coalesce(c.listedInPeers, true) AND c.privacy <> 'PRIVATE'
                RETURN o.id AS owner, c.id AS id, [(c)-[:INCLUDES]->(i) | i.id] AS items""").fetch().all());
        int equal = 0;
        for (Map<String, Object> row : sample) {
            String owner = (String) row.get("owner");
            SimilarityProfile profile = similar.profile(id(row), null);
            List<String> brute = all.stream().filter(c -> !c.get("owner").equals(owner))
                    .map(c -> Map.entry(id(c), profile.score(new HashSet<>((List<String>) c.get("items")))))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue()).reversed().thenComparing(Map.Entry::getKey))
                    .limit(10).map(Map.Entry::getKey).toList();
            equal += brute.equals(top10(similar, row, SimilarPeersQuery.Mode.EXACT)) ? 1 : 0;
        }
        System.out.printf("EXACT top-10 equals brute force for %d of %d sampled configurations%n", equal, sample.size());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long count(Neo4jClient client, String cypher) {
        return client.query(cypher).fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    private SimilarityBench() {}
}
