package io.peergraph.graph.peers;

import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import org.neo4j.driver.Value;

/**
 * A solution with how it fared among similar peers: {@code worked} of {@code total} confirmations by
 * {@code peers} distinct peers, ranked by {@code rank}, the Wilson lower bound of the success rate.
 */
public record RankedSolution(Solution solution, int worked, int total, long peers, double rank) {

    static RankedSolution from(Value v) {
        return new RankedSolution(SolutionStore.map(v.get("solution")), v.get("worked").asInt(), v.get("total").asInt(),
                v.get("peers").asLong(), v.get("rank").asDouble());
    }
}
