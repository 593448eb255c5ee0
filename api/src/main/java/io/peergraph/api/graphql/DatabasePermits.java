package io.peergraph.api.graphql;

import io.micrometer.context.ContextRegistry;
import io.peergraph.graph.driver.BoundedSessions;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many Neo4j sessions one GraphQL request may hold at once. Spring for GraphQL runs each field's controller
 * method on its own virtual thread, so 1,000 aliases of a field that reads the graph would otherwise ask the
 * driver's pool (64 connections) for 1,000 connections at the same moment: every other caller then waits for the
 * pool and, after the acquisition timeout, fails. With a few permits per request, a request's fields take turns
 * and the rest of the pool stays free for everyone else.
 * <p>
 * The permits travel with the request as a context value (micrometer context propagation, as the security context
 * does), so graph-model's session bound ({@link BoundedSessions}, asking {@link #current()}) finds them on whatever
 * thread runs a field. A session
 * opened while the same thread already holds a permit of the same request (a reader calling another reader) takes
 * none: a request never waits for itself. Work outside a GraphQL request (imports, relays, schedules) is not
 * bounded here.
 */
public final class DatabasePermits implements BoundedSessions.Bound {

    /** The key in the GraphQL context, and of the thread-local it is restored into. */
    public static final String CONTEXT_KEY = "peergraph.databasePermits";

    private static final ThreadLocal<DatabasePermits> CURRENT = new ThreadLocal<>();
    /** How many sessions this thread has open under a permit it holds (0 or absent: none). */
    private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(CONTEXT_KEY, CURRENT::get, CURRENT::set, CURRENT::remove);
    }

    private final Semaphore permits;
    private final Duration wait;

    /**
     * {@code perRequest} sessions at once; a field that waits longer than {@code wait} for one fails with
     * UNAVAILABLE (retryable) instead of waiting on.
     */
    public DatabasePermits(int perRequest, Duration wait) {
        this.permits = new Semaphore(Math.max(1, perRequest), true);
        this.wait = wait;
    }

    /** The permits of the GraphQL request the current thread works for, or null outside a request. */
    public static DatabasePermits current() {
        return CURRENT.get();
    }

    /** Takes a permit unless this thread already holds one; true when it took one. */
    @Override
    public boolean enter() {
        int[] held = HELD.get();
        if (held[0] > 0) {
            held[0]++;
            return false;
        }
        try {
            if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ApiException.Unavailable("This request asked the database for too much at once and waited "
                        + wait.toSeconds() + " s for its turn; ask for less at once, or retry.", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("The request was interrupted while waiting for the database.", 1);
        }
        held[0] = 1;
        return true;
    }

    @Override
    public void leave(boolean acquired) {
        int[] held = HELD.get();
        if (held[0] > 0) {
            held[0]--;
        }
        if (acquired) {
            permits.release();
        }
    }
}
