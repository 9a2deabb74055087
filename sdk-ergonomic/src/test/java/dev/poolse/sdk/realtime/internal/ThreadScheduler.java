package dev.poolse.sdk.realtime.internal;

import dev.poolse.sdk.realtime.phoenix.Cancellable;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one real thread, like the event loop in production, for tests of what
 * happens across threads (close while listeners run). The test touches the fake transport only
 * through {@link #call}, so the engine stays confined to its thread.
 */
final class ThreadScheduler implements Scheduler, AutoCloseable {
    private volatile Thread thread;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "test-engine");
        t.setDaemon(true);
        thread = t;
        return t;
    });

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Runs a task on the engine thread and waits (bounded) for its result.
     *
     * @param task the task
     * @param <T> its result type
     * @return its result
     * @throws Exception when the task fails or takes longer than 5 s
     */
    <T> T call(Callable<T> task) throws Exception {
        return executor.submit(task).get(5, TimeUnit.SECONDS);
    }

    /**
     * Runs a task on the engine thread and waits (bounded) for it.
     *
     * @param task the task
     * @throws Exception when the task fails or takes longer than 5 s
     */
    void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
