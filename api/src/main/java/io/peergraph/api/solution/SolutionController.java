package io.peergraph.api.solution;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.symptom.ShownSymptoms;
import io.peergraph.api.symptom.SymptomInputs;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.solution.Confirmation;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.symptom.Symptom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Solutions and confirmations. A solution is community knowledge: any signed-in caller may read it; its proposer stays unnamed. */
@Controller
public class SolutionController {

    public record ProposeSolutionInput(List<String> symptoms, String title, String steps, Solution.Kind kind, String triedOn) {}

    public record ConfirmSolutionInput(String solution, String configuration, Boolean worked, String note) {}

    private final CallerResolver callers;
    private final SharingSolutions sharing;
    private final SolutionStore solutions;
    private final ShownSymptoms shownSymptoms;
    private final SymptomInputs symptomInputs;

    public SolutionController(CallerResolver callers, SharingSolutions sharing, SolutionStore solutions, ShownSymptoms shownSymptoms,
                              SymptomInputs symptomInputs) {
        this.callers = callers;
        this.sharing = sharing;
        this.solutions = solutions;
        this.shownSymptoms = shownSymptoms;
        this.symptomInputs = symptomInputs;
    }

    @QueryMapping
    public Solution solution(@Argument String id) {
        callers.current();
        return solutions.byId(Inputs.id("id", id, PublicId.SOLUTION)).orElse(null);
    }

    @MutationMapping
    public Solution proposeSolution(@Argument ProposeSolutionInput input) {
        Caller caller = callers.current();
        List<String> symptomIds = symptomInputs.existing("input.symptoms", input.symptoms(), caller.customerId());
        String title = Inputs.requiredLine("input.title", input.title(), Inputs.NAME_MAX);
        String steps = Inputs.optionalBlock("input.steps", input.steps(), Inputs.TEXT_MAX);
        String triedOn = input.triedOn() == null ? null : Inputs.id("input.triedOn", input.triedOn(), PublicId.REPORT);
        return sharing.propose(caller, new SolutionStore.NewSolution(caller.customerId(), symptomIds, title, steps,
                input.kind() == null ? Solution.Kind.OTHER : input.kind(), triedOn));
    }

    @MutationMapping
    public Confirmation confirmSolution(@Argument ConfirmSolutionInput input) {
        Caller caller = callers.current();
        String solution = Inputs.id("input.solution", input.solution(), PublicId.SOLUTION);
        String configuration = Inputs.id("input.configuration", input.configuration(), PublicId.CONFIGURATION);
        String note = Inputs.optionalBlock("input.note", input.note(), 2_000);
        // Not given: the earlier note stays. Given but empty: the note is removed.
        boolean removeNote = input.note() != null && note == null;
        return sharing.confirm(caller, solution, configuration, input.worked(), note, removeNote);
    }

    @SchemaMapping(typeName = "Solution")
    public boolean mine(Solution solution) {
        return solution.proposerId().equals(callers.current().customerId());
    }

    @BatchMapping(typeName = "Solution", field = "worked")
    public Map<Solution, Integer> worked(List<Solution> list) {
        return counts(list, SolutionStore.ConfirmationCounts::worked);
    }

    @BatchMapping(typeName = "Solution", field = "confirmations")
    public Map<Solution, Integer> confirmations(List<Solution> list) {
        return counts(list, SolutionStore.ConfirmationCounts::total);
    }

    private Map<Solution, Integer> counts(List<Solution> list, java.util.function.ToIntFunction<SolutionStore.ConfirmationCounts> which) {
        Map<String, SolutionStore.ConfirmationCounts> counts = solutions.confirmationCounts(list.stream().map(Solution::id).distinct().toList());
        return list.stream().collect(Collectors.toMap(Function.identity(),
                s -> which.applyAsInt(counts.getOrDefault(s.id(), SolutionStore.ConfirmationCounts.NONE)), (a, b) -> a));
    }

    @BatchMapping(typeName = "Solution", field = "symptoms")
    public Map<Solution, List<Symptom>> symptoms(List<Solution> list) {
        return shownSymptoms.of(list, Solution::symptomIds);
    }

    @BatchMapping(typeName = "Confirmation", field = "solution")
    public Map<Confirmation, Solution> solution(List<Confirmation> list) {
        Map<String, Solution> byId = solutions.byIds(list.stream().map(Confirmation::solutionId).distinct().toList())
                .stream().collect(Collectors.toMap(Solution::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), c -> byId.get(c.solutionId()), (a, b) -> a));
    }
}
