package io.peergraph.bench.peers;

import java.util.Arrays;

/** Latencies of one kind of query, in the order measured. */
public final class Latencies {

    public record Summary(int count, double p50, double p90, double p99, double max) {}

    private long[] nanos = new long[256];
    private int count;

    public void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    public int count() {
        return count;
    }

    /** Nearest-rank percentiles in milliseconds. */
    public Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(count, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sorted[count - 1] / 1e6);
    }

    private static double rank(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
