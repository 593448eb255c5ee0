package io.peergraph.api.solution;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.solution.Confirmation;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of solutions: proposing one (optionally as tried on one of the caller's reports) and confirming
 * whether one worked on one of the caller's configurations, each in one transaction. Inputs arrive parsed.
 */
@Component
@RetriedWhenGraphBusy
public class SharingSolutions {

    private final Ownership ownership;
    private final SolutionStore solutions;

    public SharingSolutions(Ownership ownership, SolutionStore solutions) {
        this.ownership = ownership;
        this.solutions = solutions;
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
    @Transactional
    public Confirmation confirm(Caller caller, String solution, String configuration, Boolean worked, String note, boolean removeNote) {
        if (solutions.byId(solution).isEmpty()) {
            throw new ApiException.BadUserInput("input.solution", "no solution has this id");
        }
        ownership.requireWrite(caller, configuration, "configuration");
        return solutions.confirm(caller.customerId(), solution, configuration, worked, note, removeNote);
    }
}
