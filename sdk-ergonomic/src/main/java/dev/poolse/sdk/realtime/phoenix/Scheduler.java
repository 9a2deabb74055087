package dev.poolse.sdk.realtime.phoenix;

import java.time.Duration;

/**
 * The single thread of control of one realtime client, and its clock. Production uses one Netty
 * event loop (see {@code dev.poolse.sdk.realtime.transport.EventLoopScheduler}); tests use a
 * virtual scheduler whose time only moves when the test says so.
 *
 * <p>Tasks given to {@link #execute} and {@link #schedule} run one at a time, in submission order
 * for {@code execute}, on the scheduler's thread.
 */
public interface Scheduler {

    /**
     * Runs a task on the scheduler's thread, after the tasks already submitted.
     *
     * @param task the task; not {@code null}
     */
    void execute(Runnable task);

    /**
     * Runs a task on the scheduler's thread once the delay has elapsed.
     *
     * @param delay the delay; not negative
     * @param task the task; not {@code null}
     * @return a handle that cancels the task
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Whether the caller runs on the scheduler's thread, where waiting for a task would deadlock.
     *
     * @return {@code true} on the scheduler's thread
     */
    default boolean isCurrentThread() {
        return false;
    }

    /**
     * A monotonic clock reading in nanoseconds, used for throttles.
     *
     * @return the current reading
     */
    long nanoTime();
}
