package io.peergraph.graph.measurement;

import java.util.List;

/**
 * The stable groups that benchmarks compare within: a tree that does not depend on who asks. The root holds every
 * configuration with a value of the metric; below it, the same product (or none); below that, the same items of
 * each kind in {@link #LADDER} order. Two groups are therefore either disjoint or nested, and a group is only
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

    /** The kinds of the tree's levels below the product, most telling first. */
    public static final List<String> LADDER = List.of("gpu", "driver", "os", "kernel", "cpu", "ram");

    /** Number of levels: root, product, one per ladder kind. */
    public static final int LEVELS = 2 + LADDER.size();
}
