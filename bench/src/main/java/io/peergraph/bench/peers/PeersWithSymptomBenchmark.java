package io.peergraph.bench.peers;

import io.peergraph.api.PeergraphApplication;
import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.security.TokenMinter;
import io.peergraph.bench.Options;
import io.peergraph.bench.generate.GenerateCommunity;
import io.peergraph.bench.generate.GeneratedStore;
import io.peergraph.bench.generate.SyntheticCommunity;
import io.peergraph.bench.generate.SyntheticCommunity.Question;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "Others with my configuration who saw this symptom": latency of {@code peersWithSymptom} over HTTP GraphQL
 * against the same Cypher straight through the driver, on a synthetic community (see {@code bench/run-peers.sh
 * --help}). The service runs in this JVM, talking over Bolt to an embedded Neo4j in this JVM too, as it would to
 * an external server.
 */
public final class PeersWithSymptomBenchmark {

    /** The page size a front end asks for. */
    static final int FIRST = 20;

    static final Set<String> OPTIONS = union(GenerateCommunity.OPTIONS, Set.of("pairs", "warmup-rounds", "json", "port"));

    public static void main(String[] args) throws IOException {
        Options options = new Options(args, OPTIONS);
        SyntheticCommunity community = GenerateCommunity.community(options);
        try (GeneratedStore store = GenerateCommunity.open(options, community);
             ConfigurableApplicationContext service = startService(store, options.integer("port", 0))) {
            var size = store.size();
            System.out.println("Dataset: " + size);
            List<Question> questions = community.questionsByReport(options.integer("pairs", 200));
            URI endpoint = URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + "/graphql");
            PeersOverHttp http = new PeersOverHttp(endpoint, service.getBean(TokenMinter.class), FIRST);
            PeersOverDriver driver = new PeersOverDriver(store.driver(), FIRST,
                    service.getBean(PeergraphProperties.class).api().solutionsPerAnswer());
            // The very first query opens the full-text index and plans the Cypher (tens of seconds on a busy
            // machine): done through the driver so that no HTTP request runs into the service's async timeout.
            long cold = System.nanoTime();
            driver.page(questions.getFirst());
            System.out.printf("First (cold) query through the driver: %.0f ms%n", (System.nanoTime() - cold) / 1e6);
            int warmupRounds = options.integer("warmup-rounds", 1);
            for (int round = 1; round <= warmupRounds; round++) {
                System.out.printf("Warm-up round %d of %d over %d questions%n", round, warmupRounds, questions.size());
                PairedRun.over(questions, http, driver);
            }
            System.out.printf("Measuring %d questions%n", questions.size());
            PairedRun run = PairedRun.over(questions, http, driver);
            BenchmarkReport report = new BenchmarkReport(community.shape(), size, store.loadFacts(), warmupRounds, run);
            report.print(System.out);
            String json = options.string("json", null);
            if (json != null) {
                Files.writeString(Path.of(json), report.json());
                System.out.println("JSON summary: " + json);
            }
        }
    }

    private static ConfigurableApplicationContext startService(GeneratedStore store, int port) throws IOException {
        Path dataDir = Files.createTempDirectory("peergraph-bench-service");
        return new SpringApplicationBuilder(PeergraphApplication.class).run(
                "--server.port=" + port,
                "--peergraph.neo4j.uri=" + store.boltUri(),
                "--peergraph.neo4j.username=" + EmbeddedNeo4j.USERNAME,
                "--peergraph.neo4j.password=" + store.password(),
                "--peergraph.demo.enabled=false",
                // Search is not measured here: an unreachable server keeps the service from starting a managed one.
                "--peergraph.search.uri=http://127.0.0.1:9",
                "--peergraph.data-dir=" + dataDir,
                "--logging.file.name=",
                "--logging.level.root=WARN");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
