package io.peergraph.graph.measurement;

import java.util.List;

/**
 * The stable groups that benchmarks compare within: a tree that does not depend on who asks. The root holds every
 * configuration with a value of the metric; below it, the same product (or none); below that, one subtree per domain:
 * the same items (an item counts as the concept it is classified as) of each kind of the domain's ladder, in the order
 * its taxonomy declares. A configuration of another domain stops at the product level, so the subtrees are disjoint.
 * Two groups are therefore either disjoint or nested, and a group is only answered when its noisy count reaches k
 * and the nearest larger group it sits in counts at least k more (noisy counts, {@link BenchmarkQuery#refusal}):
 * what the difference of two answers tells is bounded by their noise, and a refusal tells nothing exact.
 */
public enum Cohort {
    /** The deepest group along my configuration's path that may be answered. */
    SIMILAR_PEERS,
    /** Configurations of the same product (level 1). */
    SAME_PRODUCT,
    /** Configurations with exactly my items of every ladder kind (the deepest level). */
    SAME_CONFIGURATION_ITEMS;

    /**
     * Number of levels for a ladder: root, product, one per ladder kind. The ladder is the kinds of my configuration's
     * domain with a cohort rank, most telling first, as the taxonomy declares them ({@code ItemFacets#ladderFor}; PC:
     * gpu, driver, os, kernel, cpu, ram).
     */
    public static int levels(List<String> ladder) {
        return 2 + ladder.size();
    }
}
