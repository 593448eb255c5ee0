package io.peergraph.graph.peers;

import io.peergraph.graph.solution.SolutionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Ranks the solutions of a symptom for one question from the evidence of four levels (docs/ranking.md):
 * <ul>
 *   <li><b>everyone</b>: how often each solution was tried at all, how often it worked, and how much of that is recent
 *       (what people use now: a new version's uptake, an old one's decline);</li>
 *   <li><b>configurations like mine</b>: the confirmations of the most similar peers who saw the symptom, weighed by age;</li>
 *   <li><b>the same product</b> (when the question names one): its reports that tried the solution, solved or not.</li>
 * </ul>
 * Each level gives the candidate's <i>share</i> of that level's evidence (½-smoothed, so a level with no evidence
 * favours nobody), and the shrunk estimate of the share of such cases in which the solution is tried and works
 * ({@code b × p}, an empirical-Bayes posterior mean) is one more. The score is a linear combination of their logarithms
 * whose weights are learnt: a conditional logit fitted on the tuning cut-off of bench/run-answers.sh (the fitting
 * command and the weights are in {@code solution-ranking.properties} beside this class). The answer's {@code rank}
 * is that model's probability that the solution is the one that works among the candidates (0–1, summing to 1).
 */
public record SolutionRanking(double tryStrength, double successStrength, double halfLifeDays, int candidates,
                              double recentHalfLifeDays, Map<String, Double> weights) {

    /** The features, in the order of {@link #features}: each the logarithm of a share (or of the shrunk estimate). */
    public static final List<String> FEATURES = List.of("shrunk", "everyoneTried", "everyoneWorked", "everyoneRecent",
            "everyoneRecentWorked", "peersTried", "peersWorked", "productTried", "productWorked");

    /** Fitted on the 2020-02-01 cut-off of bench/run-answers.sh (docs/benchmarks.md), reported on the later ones. */
    public static final SolutionRanking DEFAULT = load("solution-ranking.properties");

    /** The shrunk estimate alone (what ranked before the weights were learnt). */
    public SolutionRanking(double tryStrength, double successStrength, double halfLifeDays, int candidates) {
        this(tryStrength, successStrength, halfLifeDays, candidates, 30, Map.of("shrunk", 1.0));
    }

    public SolutionRanking {
        weights = Map.copyOf(weights);
        if (!FEATURES.containsAll(weights.keySet())) {
            throw new IllegalArgumentException("Unknown features in " + weights.keySet() + "; known: " + FEATURES);
        }
    }

    public SolutionRanking withWeights(Map<String, Double> learnt) {
        return new SolutionRanking(tryStrength, successStrength, halfLifeDays, candidates, recentHalfLifeDays, learnt);
    }

    /** The answer's solutions, best first, at most {@code limit}; a solution nobody tried yet takes the last place if it is not listed. */
    public List<RankedSolution> rank(Record r, int limit) {
        Map<String, Value> candidates = new LinkedHashMap<>();
        r.get("candidates").asList(v -> v).forEach(v -> candidates.put(v.get("id").asString(), v));
        Map<String, Value> similar = byId(r.get("similar"));
        Map<String, Value> product = byId(r.get("product"));
        Map<String, double[]> features = features(r);
        double[] w = FEATURES.stream().mapToDouble(f -> weights.getOrDefault(f, 0.0)).toArray();
        Map<String, Double> score = new HashMap<>();
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> e : features.entrySet()) {
            double s = 0;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * e.getValue()[j];
            }
            score.put(e.getKey(), s);
            max = Math.max(max, s);
        }
        double norm = 0;
        for (double s : score.values()) {
            norm += Math.exp(s - max);
        }

        List<RankedSolution> ranked = new ArrayList<>();
        for (Value c : candidates.values()) {
            String id = c.get("id").asString();
            long tried = c.get("tried").asLong();
            Value s = similar.get(id);
            Value p = product.get(id);
            ranked.add(new RankedSolution(SolutionStore.map(c), s == null ? 0 : s.get("worked").asInt(), s == null ? 0 : s.get("total").asInt(),
                    s == null ? 0 : s.get("peers").asLong(), Math.exp(score.get(id) - max) / norm, p == null ? 0 : p.get("worked").asInt(),
                    p == null ? 0 : p.get("total").asInt(), tried, tried == 0));
        }
        ranked.sort(Comparator.comparingDouble(RankedSolution::rank).reversed().thenComparing(x -> x.solution().id()));
        List<RankedSolution> answer = new ArrayList<>(ranked.subList(0, Math.min(limit, ranked.size())));
        if (limit > 0 && answer.stream().noneMatch(RankedSolution::isNew)) {
            ranked.stream().filter(RankedSolution::isNew)
                    .max(Comparator.comparing(x -> x.solution().createdAt(), Comparator.nullsFirst(Comparator.naturalOrder())))
                    .ifPresent(fresh -> {
                        if (answer.size() == limit) {
                            answer.removeLast();
                        }
                        answer.add(fresh);
                    });
        }
        return answer;
    }

    /**
     * Per candidate (by id, in the evidence's order), the {@link #FEATURES}: the logarithm of its ½-smoothed share of
     * each level's evidence, {@code log((x + ½) / (Σx + ½k))} over the k candidates, and of the shrunk estimate
     * {@code b × p}. Public for the fitting (bench/run-answers.sh --fit).
     */
    public Map<String, double[]> features(Record r) {
        List<Value> candidates = r.get("candidates").asList(v -> v);
        Map<String, Value> everyone = byId(r.get("everyone"));
        Map<String, Value> similar = byId(r.get("similar"));
        Map<String, Value> product = byId(r.get("product"));
        int k = Math.max(1, candidates.size());
        // Raw evidence per candidate, one column per level, in FEATURES order after the shrunk estimate.
        double[][] x = new double[candidates.size()][FEATURES.size() - 1];
        double[] productWorkedWeight = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            String id = candidates.get(i).get("id").asString();
            Value e = everyone.get(id);
            Value s = similar.get(id);
            Value p = product.get(id);
            x[i] = new double[] {candidates.get(i).get("tried").asLong(), number(e, "worked"), number(e, "recent"), number(e, "recentWorked"),
                number(s, "triedWeight"), number(s, "workedWeight"), number(p, "triedWeight"), number(p, "worked")};
            productWorkedWeight[i] = number(p, "workedWeight");
        }
        double[] total = new double[FEATURES.size() - 1];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                total[j] += row[j];
            }
        }
        double[] shrunk = shrunk(x, productWorkedWeight, k);
        Map<String, double[]> features = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            double[] f = new double[FEATURES.size()];
            f[0] = Math.log(shrunk[i]);
            for (int j = 0; j < total.length; j++) {
                f[j + 1] = Math.log((x[i][j] + 0.5) / (total[j] + 0.5 * k));
            }
            features.put(candidates.get(i).get("id").asString(), f);
        }
        return features;
    }

    /**
     * The empirical-Bayes estimate of P(tried and works) = b × p: the try share shrunk from the product toward the
     * similar peers toward everyone (Dirichlet posterior means, strength α), the success rate from the product toward
     * the peers toward the peers' overall rate (beta posterior means, strength β); derivation in docs/ranking.md.
     */
    private double[] shrunk(double[][] x, double[] productWorkedWeight, int k) {
        double triedTotal = 0;
        double peerTried = 0;
        double peerWorked = 0;
        double productTried = 0;
        for (double[] row : x) {
            triedTotal += row[0];
            peerTried += row[4];
            peerWorked += row[5];
            productTried += row[6];
        }
        double peerSuccess = (peerWorked + 1) / (peerTried + 2);
        double[] estimate = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double everyoneShare = (row[0] + 0.5) / (triedTotal + 0.5 * k);
            double peerShare = (row[4] + tryStrength * everyoneShare) / (peerTried + tryStrength);
            double share = (row[6] + tryStrength * peerShare) / (productTried + tryStrength);
            double peerRate = (row[5] + successStrength * peerSuccess) / (row[4] + successStrength);
            double rate = (productWorkedWeight[i] + successStrength * peerRate) / (row[6] + successStrength);
            estimate[i] = Math.max(1e-12, share * rate);
        }
        return estimate;
    }

    private static double number(Value row, String field) {
        return row == null ? 0 : row.get(field).asDouble();
    }

    private static Map<String, Value> byId(Value list) {
        Map<String, Value> rows = new HashMap<>();
        list.asList(v -> v).forEach(v -> rows.put(v.get("id").asString(), v));
        return rows;
    }

    /** Reads the strengths and the learnt weights (a classpath resource beside this class). */
    static SolutionRanking load(String resource) {
        Properties p = new Properties();
        try (InputStream in = SolutionRanking.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource + " beside " + SolutionRanking.class.getName());
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String f : FEATURES) {
            String w = p.getProperty("weight." + f);
            if (w != null) {
                weights.put(f, Double.parseDouble(w));
            }
        }
        return new SolutionRanking(Double.parseDouble(p.getProperty("tryStrength")), Double.parseDouble(p.getProperty("successStrength")),
                Double.parseDouble(p.getProperty("halfLifeDays")), Integer.parseInt(p.getProperty("candidates")),
                Double.parseDouble(p.getProperty("recentHalfLifeDays")), weights);
    }
}
