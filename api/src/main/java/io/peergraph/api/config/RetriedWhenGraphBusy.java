package io.peergraph.api.config;

import io.peergraph.graph.driver.GraphFailures;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;

/**
 * On a use case (a component whose methods each run in one transaction): a method the database rolled back saying "try
 * again" — a deadlock it broke, a lock not taken in time — runs again in a fresh transaction (Spring applies retry advice
 * outside {@code @Transactional}), up to 12 jittered times from 25 ms, capped at 1 s (8 were once not enough for 60
 * confirmations of one solution at once in a suite run); then the typed, retryable UNAVAILABLE as before. Found when
 * customers confirmed one solution at once (ConcurrentConfirmationsTest); every use case that writes can meet it, so
 * all carry it (LayersInsideModulesTest). The graph-model's own driver sessions and the imports get the same from the
 * driver's managed transactions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(predicate = RetriedWhenGraphBusy.TransientGraphFailure.class, maxRetries = 12, delay = 25, jitter = 25, multiplier = 2,
        maxDelay = 1000)
public @interface RetriedWhenGraphBusy {

    /** Only what the database calls transient: a missing connection is not retried on the spot. */
    final class TransientGraphFailure implements MethodRetryPredicate {
        @Override
        public boolean shouldRetry(Method method, Throwable failure) {
            return GraphFailures.isTransient(failure);
        }
    }
}
