package io.peergraph.graph.peers;

import io.peergraph.graph.solution.SolutionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Ranks the solutions of a symptom for one question by the evidence of three nested levels, each shrunk toward the
 * broader one (empirical Bayes; the derivation is in docs/ranking.md):
 * <ul>
 *   <li><b>everyone</b>: how often each solution was tried at all (its confirmations), the base rate;</li>
 *   <li><b>configurations like mine</b>: the confirmations of the most similar peers who saw the symptom, weighed by age;</li>
 *   <li><b>the same product</b> (when the question names one): its reports that tried the solution, solved or not, by age.</li>
 * </ul>
 * The score is the expected share of cases like this one in which the solution is tried <i>and</i> works:
 * {@code b × p}, where the try share {@code b} is a Dirichlet-multinomial posterior mean (product level with the
 * peers' level as its prior mean, the peers' level with everyone's) and the success rate {@code p} a beta-binomial
 * posterior mean (product level with the peers' as its prior mean, the peers' with their overall success rate).
 */
public record SolutionRanking(double tryStrength, double successStrength, double halfLifeDays, int candidates) {

    /** Chosen on the 2020-02-01 cut-off of bench/run-answers.sh (docs/benchmarks.md), reported on the later ones. */
    public static final SolutionRanking DEFAULT = new SolutionRanking(20, 5, 180, 100);

    /** The answer's solutions, best first, at most {@code limit}; a solution nobody tried yet takes the last place if it is not listed. */
    public List<RankedSolution> rank(Record r, int limit) {
        Map<String, Value> candidates = new LinkedHashMap<>();
        r.get("candidates").asList(v -> v).forEach(v -> candidates.put(v.get("id").asString(), v));
        Map<String, Value> similar = byId(r.get("similar"));
        Map<String, Value> product = byId(r.get("product"));

        double triedTotal = 0;
        double peerTried = 0;
        double peerWorked = 0;
        double productTried = 0;
        for (Value c : candidates.values()) {
            triedTotal += c.get("tried").asLong();
        }
        for (Value s : similar.values()) {
            peerTried += s.get("triedWeight").asDouble();
            peerWorked += s.get("workedWeight").asDouble();
        }
        for (Value p : product.values()) {
            productTried += p.get("triedWeight").asDouble();
        }
        double n = Math.max(1, candidates.size());
        double peerSuccess = (peerWorked + 1) / (peerTried + 2);

        List<RankedSolution> ranked = new ArrayList<>();
        for (Value c : candidates.values()) {
            String id = c.get("id").asString();
            long tried = c.get("tried").asLong();
            Value s = similar.get(id);
            Value p = product.get(id);
            double everyoneShare = (tried + 0.5) / (triedTotal + 0.5 * n);
            double sTried = s == null ? 0 : s.get("triedWeight").asDouble();
            double sWorked = s == null ? 0 : s.get("workedWeight").asDouble();
            double pTried = p == null ? 0 : p.get("triedWeight").asDouble();
            double pWorked = p == null ? 0 : p.get("workedWeight").asDouble();
            double peerShare = (sTried + tryStrength * everyoneShare) / (peerTried + tryStrength);
            double share = (pTried + tryStrength * peerShare) / (productTried + tryStrength);
            double peerRate = (sWorked + successStrength * peerSuccess) / (sTried + successStrength);
            double rate = (pWorked + successStrength * peerRate) / (pTried + successStrength);
            ranked.add(new RankedSolution(SolutionStore.map(c), s == null ? 0 : s.get("worked").asInt(), s == null ? 0 : s.get("total").asInt(),
                    s == null ? 0 : s.get("peers").asLong(), share * rate, p == null ? 0 : p.get("worked").asInt(),
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

    private static Map<String, Value> byId(Value list) {
        Map<String, Value> rows = new HashMap<>();
        list.asList(v -> v).forEach(v -> rows.put(v.get("id").asString(), v));
        return rows;
    }
}
