package io.peergraph.search.sync;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff between failed attempts: 1 s, 2 s, 4 s … capped, reset by a success. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    boolean due(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    void failed(Instant now) {
        failures++;
        long factor = 1L << Math.min(failures - 1, 20);
        Duration wait = first.multipliedBy(factor);
        nextAttempt = now.plus(wait.compareTo(max) > 0 ? max : wait);
    }

    void succeeded() {
        failures = 0;
        nextAttempt = Instant.MIN;
    }

    int failures() {
        return failures;
    }
}
