package io.peergraph.ingest.normalise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers results of a pure function of a string. Real dumps repeat the same few hundred GPU, driver and
 * OS strings thousands of times; the bound keeps memory flat on a file of unbounded variety.
 */
final class Memo<V> {

    private static final int LIMIT = 20_000;
    private final Map<String, V> results = new ConcurrentHashMap<>();
    private final Function<String, V> function;

    Memo(Function<String, V> function) {
        this.function = function;
    }

    V apply(String input) {
        if (input == null) {
            return function.apply(null);
        }
        V known = results.get(input);
        if (known != null) {
            return known;
        }
        V value = function.apply(input);
        if (results.size() >= LIMIT) {
            results.clear();
        }
        results.put(input, value);
        return value;
    }
}
