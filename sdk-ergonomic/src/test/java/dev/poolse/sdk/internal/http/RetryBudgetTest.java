package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    @Test
    void drainsDuringAnOutageAndRefillsOnSuccess() {
        RetryBudget budget = new RetryBudget(3);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        budget.onSuccess();
        assertThat(budget.tryAcquire()).isTrue();
    }

    @Test
    void neverExceedsCapacity() {
        RetryBudget budget = new RetryBudget(2);
        budget.onSuccess();
        budget.onSuccess();
        assertThat(budget.available()).isEqualTo(2);
    }

    @Test
    void retriesOnlyWhatIsSafe() {
        assertThat(RetryPolicy.mayRetry("POST", true, 503)).isTrue();
        assertThat(RetryPolicy.mayRetry("POST", false, 503)).isFalse();
        assertThat(RetryPolicy.mayRetry("POST", false, 429)).isTrue();
        assertThat(RetryPolicy.mayRetry("GET", false, -1)).isTrue();
        assertThat(RetryPolicy.mayRetry("GET", false, 404)).isFalse();
    }
}
