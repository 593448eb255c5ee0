package io.peergraph.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The per-asker budget of new benchmark questions per release epoch (the answers' own rules are in BenchmarkTest). */
class BenchmarkReleasesTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final Supplier<BenchmarkAnswer> compute = () -> {
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
}
