package io.peergraph.graph.peers;

import io.peergraph.graph.solution.Solution;

/**
 * A solution with its evidence: {@code worked} of {@code total} confirmations by {@code peers} distinct similar peers;
 * {@code productWorked} of {@code productTried} reports about the asked product that tried it (solved ones count as
 * worked); {@code tried}, how often anyone tried it (its confirmations); {@code isNew}, nobody tried it yet. {@code rank}
 * is the ranking key of {@link SolutionRanking}: the expected share of such cases in which it is tried and works.
 */
public record RankedSolution(Solution solution, int worked, int total, long peers, double rank, int productWorked,
                             int productTried, long tried, boolean isNew) {}
