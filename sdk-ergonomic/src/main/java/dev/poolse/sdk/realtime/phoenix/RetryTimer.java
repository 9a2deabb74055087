package dev.poolse.sdk.realtime.phoenix;

import java.util.Objects;

/**
 * A retry timer in the manner of Phoenix's {@code Timer}: each {@link #scheduleTimeout()} waits one
 * step longer than the previous one, {@link #reset()} starts the schedule again. Confined to the
 * scheduler thread.
 */
public final class RetryTimer {
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Runnable action;
    private Cancellable pending;
    private int tries;

    /**
     * A timer.
     *
     * @param scheduler where the action runs
     * @param backoff the delay schedule
     * @param action what to run when the timer fires
     */
    public RetryTimer(Scheduler scheduler, Backoff backoff, Runnable action) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Cancels a pending run and starts the schedule from its first step. */
    public void reset() {
        tries = 0;
        cancel();
    }

    /** Cancels a pending run, keeping the position in the schedule. */
    public void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** Schedules the action after the next delay of the schedule, replacing a pending run. */
    public void scheduleTimeout() {
        cancel();
        tries++;
        pending = scheduler.schedule(backoff.delay(tries), () -> {
            pending = null;
            action.run();
        });
    }

    /**
     * Whether a run is pending.
     *
     * @return {@code true} while the action is scheduled
     */
    public boolean isPending() {
        return pending != null;
    }

    /**
     * How many times the timer has been scheduled since the last reset.
     *
     * @return the attempt count
     */
    public int tries() {
        return tries;
    }
}
