package io.peergraph.api.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected failures of one request, logged once per kind with a count instead of once per field: a request with
 * 100 aliases that fail the same way writes one stack trace, not 100 (a review's 100-alias query wrote ~9,800 of
 * them, 100 MB, and rotated older log entries away). Failures of one kind share an error id, which the client gets.
 * Across requests, the stack trace of a kind is written at most once a minute; other occurrences are one line
 * naming the error id whose stack trace is in the log.
 */
final class FailureLog {

    /** Where a request's log lives in its GraphQL context. */
    static final String CONTEXT_KEY = "peergraph.failureLog";

    private static final Logger log = LoggerFactory.getLogger(ErrorCodes.class);
    private static final long TRACE_EVERY_NANOS = 60_000_000_000L;
    private static final int MAX_KINDS_REMEMBERED = 10_000;
    /** When each kind's stack trace was last written, and under which error id. */
    private static final Map<String, Traced> lastTraced = new ConcurrentHashMap<>();

    private record Traced(long atNanos, String errorId) {}

    /** One kind of failure in this request: the first occurrence, where, and how often. */
    private static final class Kind {
        final String errorId = UUID.randomUUID().toString();
        final Throwable first;
        final String firstPath;
        int count;

        Kind(Throwable first, String firstPath) {
            this.first = first;
            this.firstPath = firstPath;
        }
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private boolean flushed;
    private int busy;
    private String firstBusyPath;

    /** Counts a field that found the database busy (UNAVAILABLE): expected under load, so one warning per request. */
    void countBusy(String path) {
        boolean now;
        synchronized (this) {
            if (busy++ == 0) {
                firstBusyPath = path;
            }
            now = flushed;
        }
        if (now) {
            log.warn("The database was busy for {}", path);
        }
    }

    /** Counts a failure and gives the error id of its kind; after {@link #flush()} (a subscription's later events) it is logged at once. */
    String record(Throwable failure, String path) {
        Kind kind;
        boolean now;
        synchronized (this) {
            kind = kinds.computeIfAbsent(kindOf(failure), k -> new Kind(failure, path));
            kind.count++;
            now = flushed;
        }
        if (now) {
            write(kindOf(failure), kind.errorId, failure, path, 1);
        }
        return kind.errorId;
    }

    /** Logs each kind once, with its count. */
    void flush() {
        Map<String, Kind> copy;
        synchronized (this) {
            if (flushed) {
                return;
            }
            flushed = true;
            copy = new LinkedHashMap<>(kinds);
        }
        if (busy > 0) {
            log.warn("The database was busy for {} field(s) of one request, the first {}", busy, firstBusyPath);
        }
        copy.forEach((key, kind) -> write(key, kind.errorId, kind.first, kind.firstPath, kind.count));
    }

    private static void write(String key, String errorId, Throwable failure, String path, int count) {
        long now = System.nanoTime();
        Traced before = lastTraced.get(key);
        String times = count == 1 ? "" : " (" + count + " fields of this request failed the same way)";
        if (before != null && now - before.atNanos() < TRACE_EVERY_NANOS) {
            log.error("Unexpected failure in {} (error id {}){}: {}; stack trace under error id {}", path, errorId, times, failure, before.errorId());
            return;
        }
        if (lastTraced.size() > MAX_KINDS_REMEMBERED) {
            lastTraced.clear();
        }
        lastTraced.put(key, new Traced(now, errorId));
        log.error("Unexpected failure in {} (error id {}){}", path, errorId, times, failure);
    }

    /** The exception types along the cause chain and where the innermost was thrown. */
    private static String kindOf(Throwable failure) {
        StringBuilder key = new StringBuilder();
        Throwable t = failure;
        for (int i = 0; t != null && i < 10; i++, t = t.getCause()) {
            key.append(t.getClass().getName()).append('|');
            if (t.getCause() == null && t.getStackTrace().length > 0) {
                key.append(t.getStackTrace()[0]);
            }
        }
        return key.toString();
    }
}
