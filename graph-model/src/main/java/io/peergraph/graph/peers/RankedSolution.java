package io.peergraph.graph.peers;

import org.neo4j.driver.Value;

/**
 * A solution with how it fared among similar peers: {@code worked} of {@code total} confirmations by
 * {@code peers} distinct peers, ranked by {@code rank}, the Wilson lower bound of the success rate.
 */
public record RankedSolution(String id, String title, String steps, String kind, int worked, int total, long peers, double rank) {

    static RankedSolution from(Value v) {
        return new RankedSolution(v.get("id").asString(), v.get("title").asString(), v.get("steps").asString(null),
                v.get("kind").asString(null), v.get("worked").asInt(), v.get("total").asInt(), v.get("peers").asLong(),
                v.get("rank").asDouble());
    }
}
