package io.peergraph.bench.peers;

import io.peergraph.bench.Options;
import io.peergraph.bench.generate.GenerateCommunity;
import io.peergraph.bench.generate.GeneratedStore;
import io.peergraph.bench.generate.SyntheticCommunity;
import io.peergraph.bench.generate.SyntheticCommunity.Question;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.ProfiledPlan;

/**
 * Where {@code peersWithSymptom}'s time goes, part by part (bench/run-peers.sh --profile): the query's top-level
 * {@code CALL} subqueries are its parts; prefix k (the question's opening and the first k parts, then a count) is run
 * over the same questions as the latency bench, and what a part adds to the median time and to the database hits
 * (PROFILE) is its cost. Run on a store a previous bench run completed (the service has migrated it).
 */
final class PeersProfile {

    static final Set<String> OPTIONS = union(GenerateCommunity.OPTIONS, Set.of("pairs", "rounds", "profile"));

    public static void main(String[] args) {
        Options options = new Options(args, OPTIONS);
        SyntheticCommunity community = GenerateCommunity.community(options);
        try (GeneratedStore store = GenerateCommunity.open(options, community)) {
            List<Question> questions = community.questionsByReport(options.integer("pairs", 200));
            List<String> parts = parts(PeersWithSymptomQuery.CYPHER);
            System.out.printf("Dataset: %s; %d questions; %d parts%n", store.size(), questions.size(), parts.size() - 1);
            profile(store.driver(), questions, parts, options.integer("rounds", 3));
        }
    }

    /** The opening (up to the first top-level CALL), then each top-level CALL subquery with the comment lines before it. */
    static List<String> parts(String cypher) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        StringBuilder comments = new StringBuilder();
        for (String line : cypher.split("\n")) {
            if (line.startsWith("//")) {
                comments.append(line).append('\n');
                continue;
            }
            if (line.startsWith("CALL (") || line.startsWith("RETURN ")) {
                parts.add(current.toString());
                current = new StringBuilder();
                if (line.startsWith("RETURN ")) {
                    return parts;
                }
            }
            current.append(comments).append(line).append('\n');
            comments.setLength(0);
        }
        throw new IllegalArgumentException("No final RETURN in the query");
    }

    private static void profile(Driver driver, List<Question> questions, List<String> parts, int rounds) {
        double previousMedian = 0;
        long previousHits = 0;
        StringBuilder prefix = new StringBuilder();
        for (int k = 0; k < parts.size(); k++) {
            prefix.append(parts.get(k));
            String cypher = prefix + "RETURN count(*) AS n";
            long[] nanos = new long[questions.size() * rounds];
            long hits = 0;
            for (int round = 0; round < rounds; round++) {
                for (int q = 0; q < questions.size(); q++) {
                    long start = System.nanoTime();
                    driver.executableQuery(cypher).withParameters(parameters(questions.get(q))).execute();
                    nanos[round * questions.size() + q] = System.nanoTime() - start;
                }
            }
            for (Question q : questions) {
                hits += dbHits(driver.executableQuery("PROFILE " + cypher).withParameters(parameters(q)).execute().summary().profile());
            }
            Arrays.sort(nanos);
            double median = nanos[nanos.length / 2] / 1e6;
            double p99 = nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e6;
            String name = k == 0 ? "opening (items, Lucene terms)" : firstComment(parts.get(k));
            System.out.printf("part %d %-60s cumulative p50 %6.1f ms p99 %6.1f ms | adds p50 %+6.1f ms, db hits/question %+9.0f%n",
                    k, name, median, p99, median - previousMedian, (hits - previousHits) / (double) questions.size());
            previousMedian = median;
            previousHits = hits;
        }
    }

    private static String firstComment(String part) {
        for (String line : part.split("\n")) {
            if (line.startsWith("//")) {
                String comment = line.substring(2).strip();
                return comment.substring(0, Math.min(58, comment.length()));
            }
        }
        return part.split("\n")[0];
    }

    private static long dbHits(ProfiledPlan plan) {
        long hits = plan.dbHits();
        for (ProfiledPlan child : plan.children()) {
            hits += dbHits(child);
        }
        return hits;
    }

    private static Map<String, Object> parameters(Question q) {
        return PeersWithSymptomQuery.parameters(PublicId.CUSTOMER.fromKey("handle:" + q.handle()), q.configurationId(), q.symptomId(),
                0, PeersWithSymptomBenchmark.FIRST, 5);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
