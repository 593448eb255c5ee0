package io.peergraph.graph.tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags used alike: two tags are substitutes when the things carrying them carry the same other tags and show the
 * same symptoms (their contexts), while one thing rarely carries both. That is how two names of one thing look in
 * usage: customers pick one of them, and use it next to the same other words. Each tag is a vector over its
 * contexts weighted by positive pointwise mutual information (PPMI: a context every tag has says nothing); two
 * tags' similarity is the cosine of their vectors, the pair itself left out of both, and a pair is proposed only when
 * each is the other's most alike tag (among those not often on one thing with it). Cost: one pass over the things
 * (tags per thing squared) and, per context, its tags squared; contexts carried by more than {@link #MAX_POSTING}
 * tags are skipped (they weigh nearly nothing under PPMI and would make the pass quadratic in the tags).
 * Pure computation, so the evaluation (bench TaxonomyBench) runs the same code on data it builds in memory.
 */
public final class UsageSimilarity {

    static final int MAX_POSTING = 5_000;

    /**
     * Tags {@code a < b} (indexes) used alike: {@code cosine} of their context vectors, {@code sharedContexts} the
     * contexts both have, {@code together} the things carrying both.
     */
    public record Pair(int a, int b, double cosine, int sharedContexts, int together) {}

    private UsageSimilarity() {}

    /**
     * The pairs among tags used on at least {@code minUses} things whose cosine is at least {@code minCosine} and
     * that share at most {@code maxTogether} of the rarer tag's things, most similar first.
     *
     * @param thingTags per thing, the indexes (0 … tagCount-1) of its tags, each once
     * @param thingOthers per thing (same order), further contexts it shows, e.g. symptoms (any ids ≥ 0), or null
     */
    public static List<Pair> similarPairs(int tagCount, List<int[]> thingTags, List<int[]> thingOthers, int minUses, double minCosine,
                                          double maxTogether) {
        int[] uses = new int[tagCount];
        thingTags.forEach(ts -> {
            for (int t : ts) {
                uses[t]++;
            }
        });
        // n(t, c): things carrying tag t and context c; tag contexts are 0 … tagCount-1, the others follow.
        List<Map<Integer, Integer>> counts = new ArrayList<>(tagCount);
        for (int t = 0; t < tagCount; t++) {
            counts.add(uses[t] >= minUses ? new HashMap<>() : null);
        }
        Map<Long, Integer> together = new HashMap<>();
        for (int i = 0; i < thingTags.size(); i++) {
            int[] ts = thingTags.get(i);
            int[] others = thingOthers == null ? new int[0] : thingOthers.get(i);
            for (int t : ts) {
                Map<Integer, Integer> ct = counts.get(t);
                if (ct == null) {
                    continue;
                }
                for (int c : ts) {
                    if (c != t) {
                        ct.merge(c, 1, Integer::sum);
                        if (t < c && counts.get(c) != null) {
                            together.merge(UsageMatrix.pair(t, c), 1, Integer::sum);
                        }
                    }
                }
                for (int o : others) {
                    ct.merge(tagCount + o, 1, Integer::sum);
                }
            }
        }
        Map<Integer, Double> contextTotal = new HashMap<>();
        double[] tagTotal = new double[tagCount];
        double total = 0;
        for (int t = 0; t < tagCount; t++) {
            if (counts.get(t) != null) {
                for (var e : counts.get(t).entrySet()) {
                    contextTotal.merge(e.getKey(), (double) e.getValue(), Double::sum);
                    tagTotal[t] += e.getValue();
                    total += e.getValue();
                }
            }
        }
        // PPMI weights, per context the tags that have it (postings), and each tag's norm.
        Map<Integer, List<double[]>> postings = new HashMap<>();
        List<Map<Integer, Double>> weights = new ArrayList<>(tagCount);
        double[] norm = new double[tagCount];
        for (int t = 0; t < tagCount; t++) {
            Map<Integer, Double> w = new HashMap<>();
            weights.add(w);
            if (counts.get(t) == null) {
                continue;
            }
            for (var e : counts.get(t).entrySet()) {
                double pmi = Math.log(e.getValue() * total / (tagTotal[t] * contextTotal.get(e.getKey())));
                if (pmi > 0) {
                    w.put(e.getKey(), pmi);
                    norm[t] += pmi * pmi;
                    postings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {t, pmi});
                }
            }
        }
        PairSums dots = PairSums.over(tagCount);
        for (List<double[]> posting : postings.values()) {
            if (posting.size() > MAX_POSTING) {
                continue;
            }
            for (int x = 0; x < posting.size(); x++) {
                for (int y = x + 1; y < posting.size(); y++) {
                    dots.add((int) posting.get(x)[0], (int) posting.get(y)[0], posting.get(x)[1] * posting.get(y)[1]);
                }
            }
        }
        List<Pair> alike = new ArrayList<>();
        dots.forEach((a, b, dot, shared) -> {
            // Leave the pair out of its own vectors: two tags are not alike because each is the other's context.
            double wab = weights.get(a).getOrDefault(b, 0.0);
            double wba = weights.get(b).getOrDefault(a, 0.0);
            double na = Math.sqrt(norm[a] - wab * wab);
            double nb = Math.sqrt(norm[b] - wba * wba);
            double cosine = na == 0 || nb == 0 ? 0 : dot / (na * nb);
            int both = together.getOrDefault(UsageMatrix.pair(a, b), 0);
            if (both <= maxTogether * Math.min(uses[a], uses[b])) {
                alike.add(new Pair(a, b, cosine, shared, both));
            }
        });
        // Mutual nearest: two names of one thing are each other's most alike tag. A tag merely close to many (a
        // topic's tags all share its context) is nobody's synonym; on debtags this rule is what lifts precision
        // (docs/benchmarks.md).
        double[] best = new double[tagCount];
        for (Pair p : alike) {
            best[p.a()] = Math.max(best[p.a()], p.cosine());
            best[p.b()] = Math.max(best[p.b()], p.cosine());
        }
        List<Pair> out = new ArrayList<>();
        for (Pair p : alike) {
            if (p.cosine() >= minCosine && p.cosine() >= best[p.a()] && p.cosine() >= best[p.b()]) {
                out.add(p);
            }
        }
        out.sort(java.util.Comparator.comparingDouble(Pair::cosine).reversed().thenComparingInt(Pair::a).thenComparingInt(Pair::b));
        return out;
    }

    /**
     * Sums of products per pair of tags ({@code a < b}) and how many contexts added to each: a dense triangle while
     * it fits in {@link #DENSE_PAIRS} cells (the debtags stream: seconds faster than boxing every pair), else a map.
     */
    private interface PairSums {
        int DENSE_PAIRS = 4_000_000;

        void add(int a, int b, double product);

        void forEach(PairConsumer consumer);

        interface PairConsumer {
            void accept(int a, int b, double sum, int count);
        }

        static PairSums over(int tagCount) {
            return (long) tagCount * tagCount <= DENSE_PAIRS ? new Dense(tagCount) : new Sparse();
        }

        final class Dense implements PairSums {
            private final int n;
            private final double[] sums;
            private final int[] counts;

            Dense(int n) {
                this.n = n;
                this.sums = new double[n * n];
                this.counts = new int[n * n];
            }

            @Override
            public void add(int a, int b, double product) {
                int cell = Math.min(a, b) * n + Math.max(a, b);
                sums[cell] += product;
                counts[cell]++;
            }

            @Override
            public void forEach(PairConsumer consumer) {
                for (int cell = 0; cell < counts.length; cell++) {
                    if (counts[cell] > 0) {
                        consumer.accept(cell / n, cell % n, sums[cell], counts[cell]);
                    }
                }
            }
        }

        final class Sparse implements PairSums {
            private final Map<Long, double[]> sums = new HashMap<>();

            @Override
            public void add(int a, int b, double product) {
                double[] sum = sums.computeIfAbsent(UsageMatrix.pair(a, b), k -> new double[2]);
                sum[0] += product;
                sum[1]++;
            }

            @Override
            public void forEach(PairConsumer consumer) {
                sums.forEach((pair, sum) -> consumer.accept((int) (pair >>> 32), (int) (long) pair, sum[0], (int) sum[1]));
            }
        }
    }
}
