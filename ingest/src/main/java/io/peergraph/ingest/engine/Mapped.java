package io.peergraph.ingest.engine;

/** What a mapper made of one record: something to write under a natural key, or a reason to reject it. */
public sealed interface Mapped<T> {

    record Accepted<T>(String key, T value) implements Mapped<T> {}

    /** {@code reason} is read by a person fixing the source: say what is wrong and what would fix it. */
    record Rejected<T>(String reason) implements Mapped<T> {}

    static <T> Mapped<T> accept(String key, T value) {
        return new Accepted<>(key, value);
    }

    static <T> Mapped<T> reject(String reason) {
        return new Rejected<>(reason);
    }
}
