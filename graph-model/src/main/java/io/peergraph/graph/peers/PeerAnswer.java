package io.peergraph.graph.peers;

import java.util.List;

/**
 * A page of peer reports (starting at {@code offset} in the ranking), the same page counted in peers (one row per
 * peer, their matching reports inside, most similar first; {@code peersHaveNextPage} says whether more follow) and
 * the solutions ranked by those peers.
 */
public record PeerAnswer(List<PeerReport> reports, int offset, boolean hasNextPage, List<RankedSolution> solutions,
                         List<PeerMatch> peers, boolean peersHaveNextPage) {

    /** An answer without the peers' rows. */
    public PeerAnswer(List<PeerReport> reports, int offset, boolean hasNextPage, List<RankedSolution> solutions) {
        this(reports, offset, hasNextPage, solutions, List.of(), false);
    }
}
