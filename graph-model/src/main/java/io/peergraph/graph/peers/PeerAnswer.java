package io.peergraph.graph.peers;

import java.util.List;

/** A page of peer reports (starting at {@code offset} in the ranking) and the solutions ranked by those peers. */
public record PeerAnswer(List<PeerReport> reports, int offset, boolean hasNextPage, List<RankedSolution> solutions) {}
