package dev.poolse.sdk.realtime.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a "lane" per channel so
 * that listeners see events in arrival order without a thread per channel. A task that throws does
 * not stop the lane. After {@link #shutdown()} queued tasks are dropped and new ones ignored.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    /** Backlog at which a lane reports that its listeners cannot keep up. */
    static final int BACKLOG_WARNING = 10_000;

    private final Executor delegate;
    private final IntConsumer onBacklog;
    private final Queue<Runnable> queue = new ArrayDeque<>(0); // a lane per channel: start small
    private boolean running;
    /** Running, but the drain waits for {@link #start()}: see {@link #enqueue}. */
    private boolean startPending;
    private boolean shutdown;
    private boolean backlogReported;
    /** The thread draining the lane now, or null; lets a caller tell it is inside one of our tasks. */
    private Thread runner;
    /** Completed when the lane next has no drain in progress; see {@link #whenIdle()}. */
    private CompletableFuture<Void> idle;

    SerialExecutor(Executor delegate) {
        this(delegate, n -> { });
    }

    /**
     * A lane that calls {@code onBacklog} (outside its lock) once each time its queue grows past
     * {@link #BACKLOG_WARNING}: the queue is unbounded so that no event is lost and the socket is
     * never stalled, which makes a listener that cannot keep up worth reporting.
     */
    SerialExecutor(Executor delegate, IntConsumer onBacklog) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onBacklog = Objects.requireNonNull(onBacklog, "onBacklog");
    }

    @Override
    public void execute(Runnable task) {
        if (enqueue(task)) {
            start();
        }
    }

    /**
     * Queues a task like {@link #execute}, but leaves starting the drain to the caller: when this
     * returns {@code true} the lane was idle and runs nothing until {@link #start()} is called.
     * This lets the realtime engine queue every event of one socket read on its lanes and wake
     * each lane's thread once for all of them, instead of once per event.
     *
     * @param task the task
     * @return whether the caller must call {@link #start()}
     */
    boolean enqueue(Runnable task) {
        Objects.requireNonNull(task, "task");
        int backlog = -1;
        boolean mustStart;
        synchronized (queue) {
            if (shutdown) {
                return false;
            }
            queue.add(task);
            if (queue.size() > BACKLOG_WARNING && !backlogReported) {
                backlogReported = true;
                backlog = queue.size();
            } else if (queue.size() == 1) {
                backlogReported = false;
            }
            mustStart = !running;
            running = true;
            startPending |= mustStart;
        }
        if (backlog > 0) {
            onBacklog.accept(backlog);
        }
        return mustStart;
    }

    /** Starts the drain that {@link #enqueue} left pending; does nothing if none is pending. */
    void start() {
        synchronized (queue) {
            if (!startPending) {
                return;
            }
            startPending = false;
        }
        schedule();
    }

    /** Drops queued tasks and ignores new ones; a task already running finishes. */
    void shutdown() {
        CompletableFuture<Void> nowIdle = null;
        synchronized (queue) {
            shutdown = true;
            queue.clear();
            if (startPending) {
                // No drain was started, so none will end: the lane is idle from here.
                startPending = false;
                running = false;
                nowIdle = takeIdle();
            }
        }
        if (nowIdle != null) {
            nowIdle.complete(null);
        }
    }

    boolean isShutdown() {
        synchronized (queue) {
            return shutdown;
        }
    }

    /**
     * Whether the calling thread is running one of this lane's tasks, where waiting for the lane
     * would wait for the caller itself.
     */
    boolean isCurrentThread() {
        synchronized (queue) {
            return runner == Thread.currentThread();
        }
    }

    /**
     * Completes once the lane has run or dropped everything queued and no task is running: at once
     * when it is idle. After {@link #shutdown()} this means no task of the lane will start again.
     */
    CompletableFuture<Void> whenIdle() {
        synchronized (queue) {
            if (!running) {
                return CompletableFuture.completedFuture(null);
            }
            if (idle == null) {
                idle = new CompletableFuture<>();
            }
            return idle;
        }
    }

    private void schedule() {
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The callback pool is shutting down: the client is closing, the events are moot.
            CompletableFuture<Void> nowIdle;
            synchronized (queue) {
                queue.clear();
                running = false;
                nowIdle = takeIdle();
            }
            if (nowIdle != null) {
                nowIdle.complete(null);
            }
        }
    }

    private void drain() {
        synchronized (queue) {
            runner = Thread.currentThread();
        }
        // Run a bounded batch, then yield the pool thread so one busy lane cannot starve others
        // on a bounded executor; each yield costs a thread hand-off, so the batch is not small.
        for (int i = 0; i < 256; i++) {
            Runnable next;
            CompletableFuture<Void> nowIdle = null;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    runner = null;
                    nowIdle = takeIdle();
                }
            }
            if (next == null) {
                if (nowIdle != null) {
                    nowIdle.complete(null);
                }
                return;
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("realtime callback task failed", e);
            }
        }
        synchronized (queue) {
            runner = null;
        }
        schedule();
    }

    /** Under the lock: the idle future to complete (outside it), if anyone waits. */
    private CompletableFuture<Void> takeIdle() {
        CompletableFuture<Void> waiting = idle;
        idle = null;
        return waiting;
    }
}
