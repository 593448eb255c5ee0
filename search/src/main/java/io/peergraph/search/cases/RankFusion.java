package io.peergraph.search.cases;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: score(d) = Σ weight(s) / (k + rank_s(d)) over the signals s that ranked d. Scores of
 * different signals are not comparable (BM25 vs. overlap counts); ranks are. Done here because the managed
 * server has no RRF retriever, and here every hit keeps its per-signal ranks for the explanation.
 */
public final class RankFusion {

    static final int K = 60;

    private final Map<String, Map<String, Integer>> ranks = new HashMap<>();
    private final Map<String, Double> scores = new HashMap<>();

    /** Adds a signal's ranking (best first). */
    public void add(String signal, double weight, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            scores.merge(id, weight / (K + i + 1), Double::sum);
            ranks.computeIfAbsent(id, x -> new LinkedHashMap<>()).put(signal, i + 1);
        }
    }

    /** The fused ranking, best first; ties by id so that the order is stable. */
    public List<String> top(int size) {
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(size).map(Map.Entry::getKey).toList();
    }

    public double score(String id) {
        return scores.getOrDefault(id, 0.0);
    }

    /** Signal → 1-based rank, for the signals that ranked this id. */
    public Map<String, Integer> ranks(String id) {
        return ranks.getOrDefault(id, Map.of());
    }
}
