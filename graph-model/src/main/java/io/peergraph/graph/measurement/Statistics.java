package io.peergraph.graph.measurement;

import java.util.ArrayList;
import java.util.List;

/**
 * Cohort statistics computed from bucket counts only: values are first counted on a fixed grid of
 * {@link BenchmarkQuery#BUCKETS} equal buckets over the metric's allowed range, and percentiles are read from
 * those counts by interpolating within a bucket (as for grouped data). No individual value is ever returned,
 * and answers about two cohorts differ only by bucket counts.
 */
final class Statistics {

    private Statistics() {}

    static BenchmarkAnswer.Answered of(Metric metric, BenchmarkAnswer.Level cohort, double[] values, int customers, Double mine) {
        double width = (metric.max() - metric.min()) / BenchmarkQuery.BUCKETS;
        int[] counts = new int[BenchmarkQuery.BUCKETS];
        for (double v : values) {
            counts[bucket(metric, width, v)]++;
        }
        List<BenchmarkAnswer.Bucket> histogram = new ArrayList<>();
        int first = firstNonEmpty(counts);
        int last = lastNonEmpty(counts);
        for (int b = first; b <= last; b++) {
            histogram.add(new BenchmarkAnswer.Bucket(lower(metric, width, b), lower(metric, width, b + 1), counts[b]));
        }
        boolean rounded = customers < 100;
        return new BenchmarkAnswer.Answered(metric, cohort, rounded ? customers / 5 * 5 : customers, rounded,
                quantile(metric, width, counts, values.length, 0.10), quantile(metric, width, counts, values.length, 0.25),
                quantile(metric, width, counts, values.length, 0.50), quantile(metric, width, counts, values.length, 0.75),
                quantile(metric, width, counts, values.length, 0.90), List.copyOf(histogram), mine,
                mine == null ? null : percentile(metric, width, counts, values.length, mine), List.of());
    }

    /** The value below which a fraction q of the cohort lies, assuming values spread evenly inside a bucket. */
    private static double quantile(Metric metric, double width, int[] counts, int n, double q) {
        double target = q * n;
        double below = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0 && below + counts[b] >= target) {
                return round(lower(metric, width, b) + width * (target - below) / counts[b]);
            }
            below += counts[b];
        }
        return metric.max();
    }

    /** The share of the cohort below my value (0–100), read from the same counts. */
    private static double percentile(Metric metric, double width, int[] counts, int n, double mine) {
        int b = bucket(metric, width, mine);
        double below = 0;
        for (int i = 0; i < b; i++) {
            below += counts[i];
        }
        below += counts[b] * (mine - lower(metric, width, b)) / width;
        return Math.round(1000.0 * below / n) / 10.0;
    }

    private static int bucket(Metric metric, double width, double v) {
        return (int) Math.min(BenchmarkQuery.BUCKETS - 1, Math.max(0, Math.floor((v - metric.min()) / width)));
    }

    private static double lower(Metric metric, double width, int b) {
        return metric.min() + b * width;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static int firstNonEmpty(int[] counts) {
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) return b;
        }
        return 0;
    }

    private static int lastNonEmpty(int[] counts) {
        for (int b = counts.length - 1; b >= 0; b--) {
            if (counts[b] > 0) return b;
        }
        return -1;
    }
}
