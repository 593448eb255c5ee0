package io.peergraph.graph.measurement;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Differentially private counts for benchmarks: every released count gets two-sided geometric (discrete Laplace)
 * noise, P(Z = z) ∝ α^|z| with α = e^(−ε), the mechanism of Ghosh, Roughgarden and Sundararajan (2009) for
 * counts of sensitivity 1. The noise is not random per request but a keyed hash (HMAC-SHA256 with a server
 * secret) of the count's label (the metric and exactly what is counted: which contributors, in which bucket):
 * asking again, as anyone, in any epoch, about the same input returns the same answer, so averaging repeated asks
 * gains nothing; only a changed input gets a new, independent draw.
 */
public final class BenchmarkNoise {

    private final SecretKeySpec key;
    private final double epsilon;
    private final Duration epoch;

    /**
     * @param epsilon the privacy parameter of one released count (one contributor changes a count by at most 1)
     * @param epoch   how long a release lasts: answers are computed at most once per epoch and question
     */
    public BenchmarkNoise(byte[] key, double epsilon, Duration epoch) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number, not " + epsilon);
        }
        if (epoch.isNegative() || epoch.getSeconds() < 1) {
            throw new IllegalArgumentException("a release epoch lasts at least a second, not " + epoch);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.epsilon = epsilon;
        this.epoch = epoch;
    }

    public double epsilon() {
        return epsilon;
    }

    /** The release epoch {@code now} falls in: epochs are counted from 1970-01-01T00:00Z in whole {@code epoch} lengths. */
    public long epochOf(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), epoch.getSeconds());
    }

    /** Whole seconds from {@code now} until the next release epoch begins (at least 1). */
    public long secondsToNextEpoch(Instant now) {
        long length = epoch.getSeconds();
        return Math.max(1, (epochOf(now) + 1) * length - now.getEpochSecond());
    }

    /** {@code count} plus the noise drawn for {@code label}: the same label always gets the same noise. */
    public int noisy(String label, int count) {
        return count + noise(label);
    }

    /** Two-sided geometric noise: the difference of two geometric variables with ratio α = e^(−ε). */
    int noise(String label) {
        byte[] digest = hmac(label);
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        double alpha = Math.exp(-epsilon);
        return geometric(uniform(bytes.getLong(0)), alpha) - geometric(uniform(bytes.getLong(8)), alpha);
    }

    /** Failures before the first success, P(G ≥ g) = α^g, by inversion. */
    private static int geometric(double u, double alpha) {
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.floor(Math.log(u) / Math.log(alpha)));
    }

    /** 53 bits of the hash as a number strictly inside (0, 1). */
    private static double uniform(long bits) {
        return ((bits >>> 11) + 0.5) / (double) (1L << 53);
    }

    private byte[] hmac(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("benchmark-noise|" + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Post-processing (free under differential privacy): noisy bucket counts made non-negative and scaled to sum
     * exactly to the released total, by largest remainder. When every noisy bucket is empty the total goes to the
     * bucket whose noisy count was largest.
     */
    static int[] consistent(int[] noisy, int total) {
        int[] out = new int[noisy.length];
        long sum = 0;
        int largest = 0;
        for (int b = 0; b < noisy.length; b++) {
            sum += Math.max(0, noisy[b]);
            if (noisy[b] > noisy[largest]) largest = b;
        }
        if (total <= 0) return out;
        if (sum == 0) {
            out[largest] = total;
            return out;
        }
        double[] remainder = new double[noisy.length];
        int given = 0;
        for (int b = 0; b < noisy.length; b++) {
            double share = (double) Math.max(0, noisy[b]) * total / sum;
            out[b] = (int) Math.floor(share);
            remainder[b] = share - out[b];
            given += out[b];
        }
        while (given < total) {
            int best = 0;
            for (int b = 1; b < noisy.length; b++) {
                if (remainder[b] > remainder[best]) best = b;
            }
            out[best]++;
            remainder[best] = -1;
            given++;
        }
        return out;
    }
}
