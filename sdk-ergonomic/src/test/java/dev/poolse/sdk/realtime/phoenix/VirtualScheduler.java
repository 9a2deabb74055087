package dev.poolse.sdk.realtime.phoenix;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock only moves when the test calls {@link #advance(Duration)}; all
 * tasks run on the test thread (other threads may only submit). Lets timer logic be tested
 * without sleeping.
 */
public final class VirtualScheduler implements Scheduler {
    private final Deque<Runnable> ready = new ConcurrentLinkedDeque<>();
    private final PriorityQueue<Timed> timers =
            new PriorityQueue<>(Comparator.comparingLong((Timed t) -> t.due).thenComparingLong(t -> t.seq));
    private long now;
    private long seq;
    /** A task of this scheduler is running: the test thread then acts as the engine thread. */
    private boolean inTask;

    private static final class Timed {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timed(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }
    }

    @Override
    public void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timed t = new Timed(now + delay.toNanos(), seq++, task);
        timers.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public boolean isCurrentThread() {
        return inTask;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Runs every ready task, including those they submit. */
    public void runReady() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            runTask(r);
        }
    }

    /**
     * Moves the clock forward, running due timers in order and ready tasks in between.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        long target = now + duration.toNanos();
        runReady();
        while (true) {
            Timed next = timers.peek();
            if (next == null || next.due > target) {
                break;
            }
            timers.poll();
            now = Math.max(now, next.due);
            if (!next.cancelled) {
                runTask(next.task);
            }
            runReady();
        }
        now = target;
    }

    private void runTask(Runnable task) {
        boolean outer = inTask;
        inTask = true;
        try {
            task.run();
        } finally {
            inTask = outer;
        }
    }

    /**
     * How many timers are still scheduled and not cancelled.
     *
     * @return the count
     */
    public long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled).count();
    }

    /**
     * Elapsed virtual time.
     *
     * @return the clock
     */
    public Duration now() {
        return Duration.ofNanos(now);
    }
}
