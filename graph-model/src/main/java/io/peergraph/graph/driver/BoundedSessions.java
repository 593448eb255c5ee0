package io.peergraph.graph.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * A Driver whose synchronous sessions count against a bound that the opening thread carries: the api's
 * {@code DatabasePermits}, a GraphQL request's few sessions at once. A session takes a turn when it opens and gives it
 * back when it closes; a thread carrying no bound opens sessions freely (imports, relays, schedules).
 */
public final class BoundedSessions {

    /** The turns of one piece of work (a request). */
    public interface Bound {
        /** Before a session opens: waits for a turn or throws; true when a turn was taken (false: none was needed). */
        boolean enter();

        /** After that session closed: gives back the turn {@link #enter()} took, if it took one. */
        void leave(boolean entered);
    }

    /** The bound of the current thread's work, or null. */
    @FunctionalInterface
    public interface CurrentBound {
        Bound get();
    }

    private BoundedSessions() {}

    /** {@code driver}, its sessions bounded by whatever {@code current} finds on the thread that opens them. */
    public static Driver bounded(Driver driver, CurrentBound current) {
        InvocationHandler handler = (proxy, method, args) -> {
            Bound bound = current.get();
            if (bound == null || !method.getName().equals("session") || !Session.class.isAssignableFrom(method.getReturnType())
                    && !(args != null && args.length > 0 && args[0] == Session.class)) {
                return invoke(driver, method, args);
            }
            boolean entered = bound.enter();
            try {
                Object session = invoke(driver, method, args);
                return session instanceof Session s ? leavingOnClose(s, bound, entered) : session;
            } catch (Throwable e) {
                bound.leave(entered);
                throw e;
            }
        };
        return (Driver) Proxy.newProxyInstance(BoundedSessions.class.getClassLoader(), new Class<?>[] {Driver.class}, handler);
    }

    private static Session leavingOnClose(Session session, Bound bound, boolean entered) {
        boolean[] closed = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    return invoke(session, method, args);
                } finally {
                    if (!closed[0]) {
                        closed[0] = true;
                        bound.leave(entered);
                    }
                }
            }
            return invoke(session, method, args);
        };
        return (Session) Proxy.newProxyInstance(BoundedSessions.class.getClassLoader(), new Class<?>[] {Session.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
