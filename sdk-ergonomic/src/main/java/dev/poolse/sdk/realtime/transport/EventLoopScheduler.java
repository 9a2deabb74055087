package dev.poolse.sdk.realtime.transport;

import dev.poolse.sdk.realtime.phoenix.Cancellable;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one Netty event loop: tasks and timers run on the loop's thread, so a
 * client's protocol engine, its connection's handlers and its timers share one thread. Tasks
 * submitted after the loop has shut down are dropped, which is what a closed client wants.
 */
public final class EventLoopScheduler implements Scheduler {
    private final EventLoop loop;

    /**
     * A scheduler on the given loop.
     *
     * @param loop the event loop; not {@code null}
     */
    public EventLoopScheduler(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * The loop.
     *
     * @return the event loop
     */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The shared group is shutting down: the client is closed, nothing must run any more.
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        try {
            ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    @Override
    public boolean isCurrentThread() {
        return loop.inEventLoop();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
