package io.peergraph.api.graphql;

import io.micrometer.context.ContextRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * How many Neo4j sessions one GraphQL request may hold at once. Spring for GraphQL runs each field's controller
 * method on its own virtual thread, so 1,000 aliases of a field that reads the graph would otherwise ask the
 * driver's pool (64 connections) for 1,000 connections at the same moment: every other caller then waits for the
 * pool and, after the acquisition timeout, fails. With a few permits per request, a request's fields take turns
 * and the rest of the pool stays free for everyone else.
 * <p>
 * The permits travel with the request as a context value (micrometer context propagation, as the security context
 * does), so the driver wrapper of {@link #bounded(Driver)} finds them on whatever thread runs a field. A session
 * opened while the same thread already holds a permit of the same request (a reader calling another reader) takes
 * none: a request never waits for itself. Work outside a GraphQL request (imports, relays, schedules) is not
 * bounded here.
 */
public final class DatabasePermits {

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

    /** A driver whose synchronous sessions, opened within a GraphQL request, count against that request's permits. */
    public static Driver bounded(Driver driver) {
        InvocationHandler handler = (proxy, method, args) -> {
            DatabasePermits current = CURRENT.get();
            if (current == null || !method.getName().equals("session") || !Session.class.isAssignableFrom(method.getReturnType())
                    && !(args != null && args.length > 0 && args[0] == Session.class)) {
                return invoke(driver, method, args);
            }
            boolean acquired = current.enter();
            try {
                Object session = invoke(driver, method, args);
                return session instanceof Session s ? releasingOnClose(s, current, acquired) : session;
            } catch (Throwable e) {
                current.leave(acquired);
                throw e;
            }
        };
        return (Driver) Proxy.newProxyInstance(DatabasePermits.class.getClassLoader(), new Class<?>[] {Driver.class}, handler);
    }

    private static Session releasingOnClose(Session session, DatabasePermits permits, boolean acquired) {
        boolean[] closed = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    return invoke(session, method, args);
                } finally {
                    if (!closed[0]) {
                        closed[0] = true;
                        permits.leave(acquired);
                    }
                }
            }
            return invoke(session, method, args);
        };
        return (Session) Proxy.newProxyInstance(DatabasePermits.class.getClassLoader(), new Class<?>[] {Session.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Takes a permit unless this thread already holds one; true when it took one. */
    private boolean enter() {
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

    private void leave(boolean acquired) {
        int[] held = HELD.get();
        if (held[0] > 0) {
            held[0]--;
        }
        if (acquired) {
            permits.release();
        }
    }
}
