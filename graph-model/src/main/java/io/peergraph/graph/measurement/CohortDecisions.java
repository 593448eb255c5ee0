package io.peergraph.graph.measurement;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a cohort is answered, as a release decides it. Within a release epoch the service keeps the first decision
 * about each cohort it made for an asker, so that a second question landing on the same cohort (another
 * configuration with the same items, another cohort argument) cannot show that the cohort changed meanwhile —
 * neither by a refusal where an answer was, nor by the walk of similar peers stopping at another level.
 */
@FunctionalInterface
public interface CohortDecisions {

    /** Every decision made afresh on the current counts: for uses that release nothing to a customer. */
    CohortDecisions FRESH = (cohort, fresh) -> fresh.get();

    /** Why {@code cohort} is refused (empty when answered): the decision kept for it, or {@code fresh}'s, then kept. */
    Optional<BenchmarkAnswer.Reason> refusal(BenchmarkAnswer.Level cohort, Supplier<Optional<BenchmarkAnswer.Reason>> fresh);
}
