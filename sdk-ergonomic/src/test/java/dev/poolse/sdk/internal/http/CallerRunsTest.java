package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallerRunsTest {
    private final ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "other"));
    private final List<Runnable> fallback = new CopyOnWriteArrayList<>();
    private final Executor fallbackExecutor = fallback::add;

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void tasksOfTheClaimedCallRunOnTheWaitingThread() {
        AtomicReference<String> ranOn = new AtomicReference<>();
        CompletableFuture<String> done = CallerRuns.call(() -> {
            CallerRuns runner = CallerRuns.claim(fallbackExecutor);
            CompletableFuture<String> f = new CompletableFuture<>();
            // Queued from another thread, as the scheduler queues a retry.
            other.execute(() -> runner.execute(() -> {
                ranOn.set(Thread.currentThread().getName());
                f.complete("ok");
            }));
            return f;
        });

        assertThat(done).isCompletedWithValue("ok");
        assertThat(ranOn.get()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void onlyTheFirstExchangeOnTheCallingThreadClaimsTheRunner() throws Exception {
        AtomicReference<CallerRuns> second = new AtomicReference<>();
        AtomicReference<CallerRuns> elsewhere = new AtomicReference<>();
        CallerRuns.call(() -> {
            assertThat(CallerRuns.claim(fallbackExecutor)).isNotNull();
            second.set(CallerRuns.claim(fallbackExecutor));
            return CompletableFuture.completedFuture(null);
        });
        other.submit(() -> elsewhere.set(CallerRuns.claim(fallbackExecutor))).get(5, TimeUnit.SECONDS);

        assertThat(second.get()).isNull();
        assertThat(elsewhere.get()).isNull();
        assertThat(CallerRuns.claim(fallbackExecutor)).as("outside any blocking call").isNull();
    }

    @Test
    void aFutureCompletedElsewhereEndsTheWait() {
        CompletableFuture<String> done = CallerRuns.call(() -> CompletableFuture.supplyAsync(() -> "ok", other));

        assertThat(done).isCompletedWithValue("ok");
    }

    @Test
    void workQueuedAfterTheCallReturnedGoesToTheFallback() {
        AtomicReference<CallerRuns> runner = new AtomicReference<>();
        CallerRuns.call(() -> {
            runner.set(CallerRuns.claim(fallbackExecutor));
            return CompletableFuture.completedFuture(null);
        });
        Runnable late = () -> { };

        runner.get().execute(late);

        assertThat(fallback).containsExactly(late);
    }

    @Test
    void interruptingTheWaitingThreadCancelsTheCallAndKeepsTheFlag() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> CallerRuns.call(() -> never)).isInstanceOf(CancellationException.class);

        assertThat(never).isCancelled();
        assertThat(Thread.interrupted()).as("interrupt flag restored (and cleared here)").isTrue();
    }
}
