package io.peergraph.api.solution;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.driver.GraphFailures;
import io.peergraph.graph.solution.Confirmation;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import java.time.Duration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of solutions: proposing one (optionally as tried on one of the caller's reports) and confirming
 * whether one worked on one of the caller's configurations, each in one transaction. Inputs arrive parsed.
 */
@Component
public class SharingSolutions {

    /**
     * Concurrent confirmations of one solution queue on the lock of its totals (ConfirmationTotals); when Neo4j breaks
     * a deadlock between two of them (seen as a popular solution's node turns dense), the one it rolled back runs again
     * here in a fresh transaction rather than answering "database busy" to its customer. A few jittered tries, then
     * the typed, retryable UNAVAILABLE as before.
     */
    private static final RetryPolicy DEADLOCKS = RetryPolicy.builder().predicate(GraphFailures::isTransient)
            .maxRetries(8).delay(Duration.ofMillis(25)).jitter(Duration.ofMillis(25)).multiplier(2).maxDelay(Duration.ofMillis(800))
            .build();

    private final Ownership ownership;
    private final SolutionStore solutions;
    private final TransactionTemplate transaction;
    private final RetryTemplate retry = new RetryTemplate(DEADLOCKS);

    public SharingSolutions(Ownership ownership, SolutionStore solutions, PlatformTransactionManager transactions) {
        this.ownership = ownership;
        this.solutions = solutions;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Proposes the draft as the caller's; its tried-on report, if any, must be one the caller may change. */
    @Transactional
    public Solution propose(Caller caller, SolutionStore.NewSolution draft) {
        if (draft.triedOnReportId() != null) {
            ownership.requireWrite(caller, draft.triedOnReportId(), "report");
        }
        return solutions.propose(new SolutionStore.NewSolution(caller.customerId(), draft.symptomIds(), draft.title(), draft.steps(),
                draft.kind(), draft.triedOnReportId()));
    }

    /**
     * The caller's confirmation of a solution on their configuration; a null note keeps the earlier note,
     * {@code removeNote} removes it.
     */
    public Confirmation confirm(Caller caller, String solution, String configuration, Boolean worked, String note, boolean removeNote) {
        return retry.invoke(() -> transaction.execute(status -> {
            if (solutions.byId(solution).isEmpty()) {
                throw new ApiException.BadUserInput("input.solution", "no solution has this id");
            }
            ownership.requireWrite(caller, configuration, "configuration");
            return solutions.confirm(caller.customerId(), solution, configuration, worked, note, removeNote);
        }));
    }
}
