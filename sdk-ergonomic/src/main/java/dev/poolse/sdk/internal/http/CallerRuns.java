package dev.poolse.sdk.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a blocking call do its own network work: the thread that waits for the call runs the
 * call's HTTP attempts itself with {@code HttpClient.send}, instead of parking while other threads
 * hand the exchange to each other.
 *
 * <p>Why: the JDK 17 {@code HttpClient} completes every {@code sendAsync} future through its
 * fallback executor, which on a machine with fewer than three cores starts a new thread per
 * response. Measured one call at a time on two cores, a typed blocking send went from about 1.45
 * to about 1.1 times the raw blocking {@code send} with this (see {@code bench/RESULTS.md}). Async
 * calls avoid the same hand-off differently: their attempts run on the shared
 * {@link AttemptThreads}; only the blocking forms use this.
 *
 * <p>How: {@link #call} installs a runner in a thread-local while the async form builds the call;
 * the {@link RequestPipeline} claims it for the call's one exchange and queues each attempt on it
 * (retry waits and timeouts still run on the shared scheduler, which queues the next attempt here).
 * The waiting thread runs what is queued until the call is done. Anything queued after that goes to
 * the fallback executor, so no work is ever stranded.
 */
public final class CallerRuns implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(CallerRuns.class);
    private static final ThreadLocal<CallerRuns> CURRENT = new ThreadLocal<>();
    private static final Runnable WAKE_UP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread owner = Thread.currentThread();
    private boolean claimed;
    private boolean closed;
    private Executor fallback;

    private CallerRuns() {}

    /**
     * Runs a call in blocking form: starts it with {@code start} (the call's async form) and runs
     * its HTTP attempts on this thread until it is done.
     *
     * @param start builds and starts the call; run once, on this thread
     * @param <T> result type
     * @return the call's future, done
     * @throws CancellationException if this thread is interrupted while waiting: the call is
     *     cancelled (aborting the exchange and any retry wait) and the interrupt flag restored
     */
    static <T> CompletableFuture<T> call(Supplier<? extends CompletableFuture<T>> start) {
        CallerRuns runner = new CallerRuns();
        CallerRuns outer = CURRENT.get();
        CURRENT.set(runner);
        CompletableFuture<T> future;
        try {
            future = Objects.requireNonNull(start.get(), "the call returned no future");
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        try {
            runner.runUntil(future);
        } catch (InterruptedException e) {
            throw Calls.interrupted(future, e);
        } finally {
            runner.close();
        }
        return future;
    }

    /**
     * The runner of the blocking call being started on this thread, for its first exchange only;
     * later exchanges of the same call (and calls started from other threads) get none.
     *
     * @param fallback where work goes that arrives after the waiting thread has returned
     * @return the runner, or {@code null} when this exchange is not the first of a blocking call
     */
    static CallerRuns claim(Executor fallback) {
        CallerRuns runner = CURRENT.get();
        if (runner == null) {
            return null;
        }
        synchronized (runner) {
            if (runner.claimed || runner.owner != Thread.currentThread()) {
                return null;
            }
            runner.claimed = true;
            runner.fallback = Objects.requireNonNull(fallback, "fallback");
        }
        return runner;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        Executor late;
        synchronized (this) {
            if (!closed) {
                queue.add(task);
                return;
            }
            late = fallback;
        }
        late.execute(task);
    }

    private void runUntil(CompletableFuture<?> future) throws InterruptedException {
        future.whenComplete((v, e) -> queue.add(WAKE_UP));
        while (!future.isDone()) {
            Runnable task = queue.take();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a task of a blocking call failed", e);
            }
        }
    }

    private void close() {
        List<Runnable> left = new ArrayList<>();
        Executor late;
        synchronized (this) {
            closed = true;
            queue.drainTo(left);
            late = fallback;
        }
        for (Runnable task : left) {
            if (task != WAKE_UP && late != null) {
                late.execute(task);
            }
        }
    }
}
