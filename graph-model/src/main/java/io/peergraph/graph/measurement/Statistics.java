package io.peergraph.graph.measurement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.List;

/**
 * Cohort statistics computed from noisy bucket counts only: one value per contributor is counted on a fixed grid
 * of {@link BenchmarkQuery#BUCKETS} equal buckets over the metric's allowed range; the number of contributors
 * and every bucket get their own {@link BenchmarkNoise} draw; the noisy total (at least k, rounded down to a
 * multiple of 5 below 100) is released, and the noisy buckets are made non-negative and to sum to it exactly.
 * Percentiles are read from those released counts by interpolating within a bucket (as for grouped data), so
 * everything in an answer is post-processing of noisy counts: no exact count and no individual value leaves.
 */
final class Statistics {

    private Statistics() {}

    /** Where the noise of one answer comes from: the mechanism, the metric's key as label, and k. */
    record Release(BenchmarkNoise noise, String label, int k) {}

    /**
     * @param values  one per contributor, by contributor id
     * @param release null for exact counts (internal uses that release nothing to a customer)
     */
    static BenchmarkAnswer.Answered of(Metric metric, BenchmarkAnswer.Level cohort, SortedMap<String, Double> values, Double mine,
                                       Release release) {
        double width = width(metric);
        int[] exact = new int[BenchmarkQuery.BUCKETS];
        values.values().forEach(v -> exact[bucket(metric, width, v)]++);
        String label = release == null ? null : label(metric, values, release);
        int total = release == null ? values.size() : Math.max(release.k(), total(metric, values, release));
        boolean rounded = total < 100;
        int customers = rounded ? total / 5 * 5 : total;
        int[] counts = exact;
        if (release != null) {
            int[] noisy = new int[exact.length];
            for (int b = 0; b < exact.length; b++) {
                noisy[b] = release.noise().noisy(label + "|bucket|" + b, exact[b]);
            }
            counts = BenchmarkNoise.consistent(noisy, customers);
        }
        int n = release == null ? values.size() : Math.max(1, customers);
        List<BenchmarkAnswer.Bucket> histogram = new ArrayList<>();
        int first = firstNonEmpty(counts);
        int last = lastNonEmpty(counts);
        for (int b = first; b <= last; b++) {
            histogram.add(new BenchmarkAnswer.Bucket(lower(metric, width, b), lower(metric, width, b + 1), counts[b]));
        }
        return new BenchmarkAnswer.Answered(metric, cohort, customers, rounded,
                quantile(metric, width, counts, n, 0.10), quantile(metric, width, counts, n, 0.25),
                quantile(metric, width, counts, n, 0.50), quantile(metric, width, counts, n, 0.75),
                quantile(metric, width, counts, n, 0.90), List.copyOf(histogram), mine,
                mine == null ? null : percentile(metric, width, counts, n, mine), List.of());
    }

    /**
     * The number of contributors as released: with a release, their exact number plus the noise drawn for this
     * input (the k rule decides on it, and an answer releases it); without one, the exact number.
     */
    static int total(Metric metric, SortedMap<String, Double> values, Release release) {
        return release == null ? values.size() : release.noise().noisy(label(metric, values, release) + "|total", values.size());
    }

    /**
     * The draws are labelled by what is counted (who, in which bucket): two statistics of the same input are the
     * same release (nothing more to learn from the second), any other input gets independent draws.
     */
    private static String label(Metric metric, SortedMap<String, Double> values, Release release) {
        double width = width(metric);
        StringBuilder input = new StringBuilder();
        values.forEach((contributor, v) -> input.append(contributor).append(':').append(bucket(metric, width, v)).append(';'));
        return release.label() + "|" + sha256(input.toString());
    }

    private static double width(Metric metric) {
        return (metric.max() - metric.min()) / BenchmarkQuery.BUCKETS;
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
