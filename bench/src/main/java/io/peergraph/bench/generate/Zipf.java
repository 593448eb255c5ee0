package io.peergraph.bench.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1)^exponent: a few popular, most rare. */
public final class Zipf {

    public static final double COMMUNITY_EXPONENT = 1.1;

    private final double[] cumulative;

    public Zipf(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
    }

    public int sample(SplittableRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }

    /** How many of n events fall at a rate (Knuth's method: the rates here are small). */
    static int poisson(double rate, SplittableRandom random) {
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
