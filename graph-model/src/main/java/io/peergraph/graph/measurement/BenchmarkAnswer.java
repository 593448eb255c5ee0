package io.peergraph.graph.measurement;

import java.time.YearMonth;
import java.util.List;

/** Where my value stands in a cohort, or why the cohort is not answered. */
public sealed interface BenchmarkAnswer {

    /** One level of my path through the cohort tree: what its members share with me. */
    record Level(int depth, String description) {}

    /** A histogram bar: values in [from, to). */
    record Bucket(double from, double to, int count) {}

    /**
     * Everything here is computed from bucket counts of a fixed grid over the metric's range, so no individual
     * value leaves the graph; {@code customers} is rounded down to a multiple of 5 below 100.
     */
    record Answered(Metric metric, Level cohort, int customers, boolean customersRounded, double p10, double p25,
                    double p50, double p75, double p90, List<Bucket> histogram, Double myValue, Double myPercentile,
                    List<Month> trend)
            implements BenchmarkAnswer {

        /**
         * The same released statistics seen from another value of the asker's: {@code myPercentile} read from the
         * released histogram (evenly spread inside a bucket), as {@link Statistics} reads it from the same counts.
         */
        public Answered seenFrom(Double mine) {
            Double percentile = null;
            if (mine != null && customers > 0) {
                double below = 0;
                for (Bucket b : histogram) {
                    if (mine >= b.to()) {
                        below += b.count();
                    } else if (mine > b.from()) {
                        below += b.count() * (mine - b.from()) / (b.to() - b.from());
                    }
                }
                percentile = Math.round(1000.0 * below / customers) / 10.0;
            }
            return new Answered(metric, cohort, customers, customersRounded, p10, p25, p50, p75, p90, histogram, mine, percentile, trend);
        }

        public Answered withTrend(List<Month> months) {
            return new Answered(metric, cohort, customers, customersRounded, p10, p25, p50, p75, p90, histogram, myValue,
                    myPercentile, List.copyOf(months));
        }
    }

    /**
     * One calendar month (UTC) of the same cohort: each counted configuration's last value measured in that
     * month. Exactly one of {@code statistics} (with {@code trend} empty) and {@code suppressed} is set.
     */
    record Month(YearMonth month, Answered statistics, Reason suppressed) {}

    /** The cohort would expose fewer than k customers (directly, or as the difference from a larger cohort). */
    record Refused(Level cohort, Reason reason, int k) implements BenchmarkAnswer {}

    enum Reason {
        FEWER_THAN_K_CUSTOMERS,
        DIFFERS_FROM_A_LARGER_COHORT_BY_FEWER_THAN_K,
        /** A month only: its contributors differ from the cohort's (latest values) by fewer than k customers. */
        DIFFERS_FROM_THE_WHOLE_COHORT_BY_FEWER_THAN_K
    }
}
