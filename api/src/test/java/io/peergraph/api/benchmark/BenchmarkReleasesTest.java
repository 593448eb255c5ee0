package io.peergraph.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.CohortDecisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The per-asker budget of new benchmark questions per release epoch, and the cohort decisions kept for the epoch (the
 * answers' own rules are in BenchmarkTest).
 */
class BenchmarkReleasesTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final Function<CohortDecisions, BenchmarkAnswer> compute = decisions -> {
        computed.incrementAndGet();
        return new BenchmarkAnswer.Refused(new BenchmarkAnswer.Level(0, "everyone"), BenchmarkAnswer.Reason.FEWER_THAN_K_CUSTOMERS, 5);
    };

    @Test
    void aNewQuestionBeyondTheBudgetIsRefusedAsRetryableUntilTheNextEpoch() {
        BenchmarkReleases releases = new BenchmarkReleases(3);
        for (int q = 0; q < 3; q++) {
            releases.answer(7, 600, "alice", "fps", "q" + q, 0, compute);
        }
        assertThatThrownBy(() -> releases.answer(7, 600, "alice", "fps", "q3", 0, compute))
                .isInstanceOfSatisfying(ApiException.RateLimited.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(600);
                    assertThat(e.getMessage()).contains("3 different benchmark questions");
                });
        assertThat(computed).as("the refused question was not computed").hasValue(3);
    }

    @Test
    void askingAnAnsweredQuestionAgainSpendsNothingAndOtherAskersHaveTheirOwnBudget() {
        BenchmarkReleases releases = new BenchmarkReleases(2);
        releases.answer(7, 60, "alice", "fps", "q0", 0, compute);
        releases.answer(7, 60, "alice", "fps", "q1", 0, compute);
        for (int again = 0; again < 5; again++) {
            releases.answer(7, 60, "alice", "fps", "q1", 0, compute);
        }
        assertThat(computed).hasValue(2);
        releases.answer(7, 60, "bob", "fps", "b0", 0, compute);
        assertThatThrownBy(() -> releases.answer(7, 60, "alice", "fps", "q2", 0, compute)).isInstanceOf(ApiException.RateLimited.class);
    }

    @Test
    void theBudgetStartsAfreshInTheNextEpoch() {
        BenchmarkReleases releases = new BenchmarkReleases(1);
        releases.answer(7, 60, "alice", "fps", "q0", 0, compute);
        assertThatThrownBy(() -> releases.answer(7, 60, "alice", "fps", "q1", 0, compute)).isInstanceOf(ApiException.RateLimited.class);
        releases.answer(8, 60, "alice", "fps", "q1", 0, compute);
        assertThat(computed).hasValue(2);
    }

    @Test
    void aCohortKeepsItsFirstDecisionForTheAskerUntilTheEpochEnds() {
        BenchmarkReleases releases = new BenchmarkReleases(10);
        BenchmarkAnswer.Level cohort = new BenchmarkAnswer.Level(3, "same gpu: A, same driver: B");
        Optional<BenchmarkAnswer.Reason> refused = Optional.of(BenchmarkAnswer.Reason.FEWER_THAN_K_CUSTOMERS);
        List<Optional<BenchmarkAnswer.Reason>> decided = new ArrayList<>();
        Function<Optional<BenchmarkAnswer.Reason>, Function<CohortDecisions, BenchmarkAnswer>> freshly = fresh -> decisions -> {
            decided.add(decisions.refusal(cohort, () -> fresh));
            return compute.apply(decisions);
        };
        releases.answer(7, 60, "alice", "fps", "q0", 0, freshly.apply(refused));
        releases.answer(7, 60, "alice", "fps", "q1", 0, freshly.apply(Optional.empty())); // the cohort has grown since
        releases.answer(7, 60, "alice", "other metric", "q2", 0, freshly.apply(Optional.empty()));
        releases.answer(7, 60, "bob", "fps", "b0", 0, freshly.apply(Optional.empty()));
        releases.answer(8, 60, "alice", "fps", "q1", 0, freshly.apply(Optional.empty()));
        assertThat(decided).as("alice's second question in epoch 7 gets her first decision; another metric, another asker "
                + "and the next epoch decide afresh").containsExactly(refused, refused, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
