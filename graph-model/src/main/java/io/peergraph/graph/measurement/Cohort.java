package io.peergraph.graph.measurement;

import java.util.List;

/**
 * The stable groups that benchmarks compare within: a tree that does not depend on who asks. The root holds every
 * configuration with a value of the metric; below it, the same product (or none); below that, the same items of
 * each kind of the configuration's domain's ladder, in its order. Two groups are therefore either disjoint or nested, and a group is only
 * answered when every larger group it sits in differs from it by at least k customers (or not at all): the
 * difference of two answers never isolates fewer than k customers.
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
