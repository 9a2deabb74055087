package dev.poolse.sdk.realtime.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a "lane" per channel so
 * that listeners see events in arrival order without a thread per channel. A task that throws does
 * not stop the lane. After {@link #shutdown()} queued tasks are dropped and new ones ignored.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean shutdown;

    SerialExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (queue) {
            if (shutdown) {
                return;
            }
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    /** Drops queued tasks and ignores new ones; a task already running finishes. */
    void shutdown() {
        synchronized (queue) {
            shutdown = true;
            queue.clear();
        }
    }

    boolean isShutdown() {
        synchronized (queue) {
            return shutdown;
        }
    }

    private void schedule() {
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The callback pool is shutting down: the client is closing, the events are moot.
            synchronized (queue) {
                queue.clear();
                running = false;
            }
        }
    }

    private void drain() {
        // Run a bounded batch, then yield the pool thread so one busy lane cannot starve others.
        for (int i = 0; i < 64; i++) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("realtime callback task failed", e);
            }
        }
        schedule();
    }
}
