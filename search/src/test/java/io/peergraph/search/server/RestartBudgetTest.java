package io.peergraph.search.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {

    @Test
    void aServerThatKeepsCrashingIsLeftDown() {
        RestartBudget budget = new RestartBudget(2, Duration.ofMinutes(10));

        assertThat(budget.tryUse()).isTrue();
        assertThat(budget.tryUse()).isTrue();
        assertThat(budget.tryUse()).isFalse();
        assertThat(budget.used()).isEqualTo(2);
    }

    @Test
    void crashesOutsideTheWindowAreForgiven() throws InterruptedException {
        RestartBudget budget = new RestartBudget(1, Duration.ofMillis(50));
        assertThat(budget.tryUse()).isTrue();

        Thread.sleep(100);

        assertThat(budget.tryUse()).isTrue();
        assertThat(budget.used()).isEqualTo(2);
    }
}
