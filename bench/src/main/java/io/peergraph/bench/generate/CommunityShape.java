package io.peergraph.bench.generate;

/**
 * The parameters of a synthetic community. Everything generated is a function of these alone, so the same
 * shape always gives the same graph. Rates are means per customer.
 */
public record CommunityShape(int customers, long seed, double configurationsPerCustomer, double reportsPerCustomer,
                             double solutionsPerCustomer, double confirmationsPerCustomer) {

    public CommunityShape {
        if (customers < 1 || configurationsPerCustomer < 1) {
            throw new IllegalArgumentException("Needs at least one customer and one configuration per customer");
        }
    }

    /** The shape of ../shared/BENCHMARKS.md for {@code customers} customers. */
    public static CommunityShape of(int customers, long seed) {
        return new CommunityShape(customers, seed, 1.5, 3.0, 0.2, 2.0);
    }

    /** A file-name-safe tag: stores generated with the same tag hold the same data. */
    public String tag() {
        return "c%d-s%d-k%s-r%s-v%s-f%s".formatted(customers, seed, configurationsPerCustomer, reportsPerCustomer,
                solutionsPerCustomer, confirmationsPerCustomer);
    }
}
