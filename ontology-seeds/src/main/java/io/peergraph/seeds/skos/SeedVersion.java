package io.peergraph.seeds.skos;

import java.util.Arrays;

/**
 * A seed's {@code owl:versionInfo}, compared numerically part by part ("1.10" after "1.9",
 * "2023.04.10" after "2022.12.31"), so a store never goes back to an older seed.
 */
public record SeedVersion(String text) implements Comparable<SeedVersion> {

    public SeedVersion {
        if (text == null || !text.matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException("a seed version is dotted numbers, not: " + text);
        }
    }

    @Override
    public int compareTo(SeedVersion other) {
        long[] a = parts();
        long[] b = other.parts();
        return Arrays.compare(a, b);
    }

    private long[] parts() {
        return Arrays.stream(text.split("\\.")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public String toString() {
        return text;
    }
}
