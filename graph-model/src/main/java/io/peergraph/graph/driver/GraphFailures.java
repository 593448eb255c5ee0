package io.peergraph.graph.driver;

import java.util.function.Predicate;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.TransientException;

/** What a failure from the graph means for the caller, so that layers above never look at driver exceptions. */
public final class GraphFailures {

    private GraphFailures() {}

    /**
     * A uniqueness constraint refused the write: the thing exists already. Anywhere in the cause chain, so a failure
     * that Spring's transaction template translated still tells.
     */
    public static boolean isConstraintViolation(Throwable failure) {
        return anyCause(failure, t -> t instanceof ClientException ce && ce.code() != null
                && ce.code().contains("ConstraintValidationFailed"));
    }

    /**
     * The database stopped itself after a critical error (Neo4j's "needs to be restarted": a write that found the disk
     * full, a failed store file) and refuses everything until the service restarts. Anywhere in the cause chain.
     */
    public static boolean isStopped(Throwable failure) {
        return anyCause(failure, t -> t instanceof DatabaseException de && de.getMessage() != null
                && de.getMessage().contains("needs to be restarted"));
    }

    /**
     * The database was busy: a transient failure the driver calls retryable, or no connection free within the
     * pool's acquisition timeout. Anywhere in the cause chain.
     */
    public static boolean isBusy(Throwable failure) {
        return anyCause(failure, t -> t instanceof RetryableException
                || t instanceof ClientException ce && ce.getMessage() != null && ce.getMessage().contains("acquire connection"));
    }

    /**
     * Whether the database rolled the transaction back and said "try again" (a deadlock it broke, a lock it could not
     * take in time): running the whole transaction again is safe and usually succeeds at once. Not a missing
     * connection, which retrying on the spot would only prolong.
     */
    public static boolean isTransient(Throwable failure) {
        return anyCause(failure, t -> t instanceof TransientException);
    }

    /** Whether {@code failure} or anything in its cause chain (a translated failure wraps the driver's) is {@code what}. */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> what) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (what.test(t)) {
                return true;
            }
        }
        return false;
    }
}
