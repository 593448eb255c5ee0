package io.peergraph.bench.similarity;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.similarity.SimilarConfiguration;
import io.peergraph.graph.similarity.SimilarPeersQuery;
import io.peergraph.graph.similarity.SimilarityProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * similarPeers top-10 and benchmark(SIMILAR_PEERS) latency on a generated community, plus exactness against
 * brute force on a sample. Usage: {@code SimilarityBench [customers=100000] [queries=300] [dataDir]}; the store
 * is kept under dataDir and reused when its size matches.
 */
public final class SimilarityBench {

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Path.of(args.length > 2 ? args[2] : "bench/target/similarity-" + customers);
        long seed = 42;
        Files.createDirectories(dir);
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"), 0, 2L << 30);
             Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            SchemaMigrations.apply(driver);
            Neo4jClient client = Neo4jClient.create(driver);
            Path marker = dir.resolve("loaded");
            if (!Files.exists(marker)) {
                long t0 = System.nanoTime();
                SimilarityCommunity.load(driver, customers, seed);
                Files.writeString(marker, "customers=" + customers + "\n");
                System.out.printf("loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            }
            long configurations = count(client, "MATCH (c:Configuration) RETURN count(c) AS n");
            long measured = count(client, "MATCH ()-[l:LATEST_VALUE]->() RETURN count(l) AS n");
            System.out.printf("dataset: %d configurations, %d customers, %d config items, %d configurations with an fps value%n",
                    configurations, count(client, "MATCH (c:Customer) RETURN count(c) AS n"),
                    count(client, "MATCH (c:ConfigItem) RETURN count(c) AS n"), measured);

            List<Map<String, Object>> sample = List.copyOf(client.query("""
                    MATCH (o:Customer)-[:OWNS]->(c:Configuration) WHERE c.id STARTS WITH 'cfg_'
                    WITH o, c ORDER BY c.id SKIP $skip LIMIT $n RETURN o.id AS owner, c.id AS id""")
                    .bindAll(Map.of("skip", 7, "n", queries + 50)).fetch().all());
            SimilarPeersQuery similar = new SimilarPeersQuery(client);
            BenchmarkQuery benchmark = new BenchmarkQuery(client);
            var fps = new MetricStore(client).byKey(SimilarityCommunity.METRIC).orElseThrow();

            report("similarPeers top-10", sample, queries, row -> similar.run(new SimilarPeersQuery.Question(
                    (String) row.get("id"), Set.of((String) row.get("owner")), null, 10)));
            report("benchmark SIMILAR_PEERS", sample, queries, row -> benchmark.run(new BenchmarkQuery.Question(
                    (String) row.get("id"), fps, Cohort.SIMILAR_PEERS, Set.of((String) row.get("owner")), 5)));
            long answered = sample.stream().limit(100).filter(row -> benchmark.run(new BenchmarkQuery.Question((String) row.get("id"), fps,
                    Cohort.SIMILAR_PEERS, Set.of((String) row.get("owner")), 5)).orElseThrow() instanceof BenchmarkAnswer.Answered).count();
            System.out.printf("benchmark SIMILAR_PEERS answered for %d of 100 sampled configurations%n", answered);
            exactness(client, similar, sample.subList(0, 20));
        }
    }

    private static void report(String name, List<Map<String, Object>> sample, int queries, Consumer<Map<String, Object>> run) {
        sample.subList(queries, sample.size()).forEach(run); // warm-up
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            run.accept(sample.get(i));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %d queries, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name, queries,
                nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6, nanos[queries - 1] / 1e6);
    }

    /** The threshold algorithm's top-10 against scoring every listed configuration. */
    private static void exactness(Neo4jClient client, SimilarPeersQuery similar, List<Map<String, Object>> sample) {
        List<Map<String, Object>> all = List.copyOf(client.query("""
                MATCH (o:Customer)-[:OWNS]->(c:Configuration)
                WHERE coalesce(c.listedInPeers, true) AND c.privacy <> 'PRIVATE'
                RETURN o.id AS owner, c.id AS id, [(c)-[:INCLUDES]->(i) | i.id] AS items""").fetch().all());
        int equal = 0;
        for (Map<String, Object> row : sample) {
            String owner = (String) row.get("owner");
            SimilarityProfile profile = similar.profile((String) row.get("id"), null);
            List<String> brute = all.stream().filter(c -> !c.get("owner").equals(owner))
                    .map(c -> Map.entry((String) c.get("id"), profile.score(new HashSet<>((List<String>) c.get("items")))))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue()).reversed().thenComparing(Map.Entry::getKey))
                    .limit(10).map(Map.Entry::getKey).toList();
            List<String> fast = similar.run(new SimilarPeersQuery.Question((String) row.get("id"), Set.of(owner), null, 10))
                    .stream().map(SimilarConfiguration::configurationId).toList();
            equal += brute.equals(fast) ? 1 : 0;
        }
        System.out.printf("exact top-10 equals brute force for %d of %d sampled configurations%n", equal, sample.size());
    }

    private static long count(Neo4jClient client, String cypher) {
        return client.query(cypher).fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    private SimilarityBench() {}
}
