package io.peergraph.api.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Refuses mutations while the data folder's disk has less than {@code minFree} bytes usable, with the typed, retryable
 * UNAVAILABLE; queries go on. Neo4j treats a write that finds the disk full as a critical error: it stops the whole
 * database (reads too) until a restart. Refusing writes a margin before that keeps the store healthy and readable,
 * and writes come back by themselves once space is freed (measured: docs/benchmarks.md, "Faults under load").
 * The usable space is read at most once a second.
 */
public final class StorageGuard extends SimplePerformantInstrumentation {

    static final long RETRY_AFTER_SECONDS = 60;
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final long minFree;
    private final LongSupplier usableSpace;
    private final LongSupplier nanoTime;
    private final AtomicLong checkedAt = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean low;

    public StorageGuard(Path dataDir, long minFree) {
        this(minFree, () -> usableSpace(dataDir), System::nanoTime);
    }

    StorageGuard(long minFree, LongSupplier usableSpace, LongSupplier nanoTime) {
        this.minFree = minFree;
        this.usableSpace = usableSpace;
        this.nanoTime = nanoTime;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var env = parameters.getEnvironment();
        if (env.getParentType() != env.getGraphQLSchema().getMutationType()) {
            return dataFetcher;
        }
        return fetchEnv -> {
            if (spaceLow()) {
                throw new ApiException.Unavailable("The service's disk is nearly full: changes are refused until space is freed "
                        + "(reading goes on). Retry later.", RETRY_AFTER_SECONDS);
            }
            return dataFetcher.get(fetchEnv);
        };
    }

    boolean spaceLow() {
        long now = nanoTime.getAsLong();
        long last = checkedAt.get();
        if ((last == Long.MIN_VALUE || now - last >= RECHECK_NANOS) && checkedAt.compareAndSet(last, now)) {
            low = usableSpace.getAsLong() < minFree;
        }
        return low;
    }

    /**
     * Usable bytes on the file store of the data folder (or of its nearest existing parent). Unknown counts as plenty: a
     * failed look at the disk must not stop every write.
     */
    private static long usableSpace(Path dataDir) {
        Path existing = dataDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
