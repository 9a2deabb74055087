package dev.poolse.sdk.realtime.phoenix;

/** A scheduled task that can be cancelled. */
@FunctionalInterface
public interface Cancellable {
    /** Cancels the task if it has not run yet; harmless otherwise. */
    void cancel();
}
