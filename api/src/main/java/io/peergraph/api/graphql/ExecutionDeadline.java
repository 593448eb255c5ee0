package io.peergraph.api.graphql;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * An execution time limit per request: once it has passed, every field that still has to be fetched (other than
 * reading a property of an object already fetched) fails with QUERY_TIMEOUT instead of asking the graph again, so a
 * request that fans out over many slow fields stops early. Depth and cost limits refuse most such requests before they
 * run; this bounds the rest. One fetch already running is not interrupted (the store's own transaction timeout is
 * the bound for that). A subscription is not one request in time: each of its events gets the limit afresh.
 */
public final class ExecutionDeadline extends SimplePerformantInstrumentation {

    private final Duration limit;
    private final LongSupplier nanoTime;

    public ExecutionDeadline(Duration limit) {
        this(limit, System::nanoTime);
    }

    /** With a clock of its own, in {@link System#nanoTime()} terms: tests move time instead of waiting for it. */
    ExecutionDeadline(Duration limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** When this request's (or this subscription event's) time is up, in {@link System#nanoTime()} terms. */
    static final class Deadline implements InstrumentationState {
        volatile long atNanos;

        Deadline(long atNanos) {
            this.atNanos = atNanos;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Deadline(nanoTime.getAsLong() + limit.toNanos()));
    }

    /**
     * A subscription lives as long as its connection; the limit is for the fields of each event, counted from the
     * moment the event arrives (events of one subscription are resolved one after another).
     */
    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters, InstrumentationState state) {
        if (state instanceof Deadline deadline) {
            deadline.atNanos = nanoTime.getAsLong() + limit.toNanos();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || !(state instanceof Deadline deadline)) {
            return dataFetcher;
        }
        return environment -> {
            if (nanoTime.getAsLong() - deadline.atNanos >= 0) {
                throw new ApiException.TimedOut(limit);
            }
            return dataFetcher.get(environment);
        };
    }
}
