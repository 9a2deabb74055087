package dev.poolse.sdk.internal.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A few shared threads that run the HTTP attempts of async calls with the blocking
 * {@code HttpClient.send}, so that an async call costs no thread start.
 *
 * <p>Why: the JDK 17 {@code HttpClient} completes every {@code sendAsync} future through the
 * default async pool of {@code CompletableFuture}, which on a machine with fewer than three cores
 * starts a new thread per task, so one per response. The blocking {@code send} has no such hand-off
 * (blocking calls already use it on their own thread, see {@link CallerRuns}); async calls get it
 * here, on a thread kept from one attempt to the next.
 *
 * <p>How: threads are started on demand, up to {@code maxThreads}, and one idle for the keep-alive
 * exits, so an idle SDK holds none. An attempt is never queued: {@link #tryExecute} hands it to an
 * idle thread or a new one, and when all {@code maxThreads} are busy it returns {@code false} and
 * the caller sends that attempt with {@code sendAsync} instead. So the number of calls in flight is
 * never capped by this pool and no attempt waits for a thread; only past {@code maxThreads}
 * attempts in flight does a response cost a thread start again. Retry waits never hold one of these
 * threads: the scheduler starts the next attempt, which asks for a thread anew.
 *
 * <p>Not virtual threads, although on JDK 21 and newer one per attempt would need no pool: the SDK
 * is built for Java 17, so they would need reflection and a second code path that only some JDKs
 * take, their carrier threads are the JVM's shared scheduler rather than threads the SDK names and
 * stops, and these platform threads already remove the per-response thread start on every JDK.
 */
public final class AttemptThreads {
    /**
     * The most threads the SDK keeps for async attempts. They mostly wait on the network, so they
     * cost memory rather than CPU; 64 covers the concurrency of typical fan-outs and of the
     * benchmark's concurrency-16 runs with room for threads still finishing their last response.
     */
    public static final int MAX_THREADS = 64;

    /** Thrown by the pool when no thread is free; preallocated, since saturation is an expected state. */
    private static final RejectedExecutionException SATURATED = new RejectedExecutionException(
            "all attempt threads are busy", null) {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };
    private static final RejectedExecutionHandler REFUSE = (task, pool) -> {
        throw SATURATED;
    };

    private final ThreadPoolExecutor pool;

    /**
     * @param maxThreads the most threads running attempts at once
     * @param keepAlive how long an idle thread waits for the next attempt before it exits
     * @param threads makes the threads (daemon, named like the SDK's other pools)
     */
    public AttemptThreads(int maxThreads, Duration keepAlive, ThreadFactory threads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1: " + maxThreads);
        }
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(threads, "threads");
        // No core threads and a hand-off queue: an attempt goes to a thread that is idle right now or
        // to a new one, and is refused when there is neither.
        pool = new ThreadPoolExecutor(0, maxThreads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
                new SynchronousQueue<>(), threads, REFUSE);
    }

    /**
     * Runs the task on one of these threads if one is free or may still be started.
     *
     * @param task an attempt; it must not wait for anything but its own exchange
     * @return {@code true} if a thread took it; {@code false} if all are busy or the pool is shut
     *     down, in which case the task was not run and the caller must send another way
     */
    public boolean tryExecute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** @return the threads alive now, busy or idle, for tests and diagnostics */
    public int threads() {
        return pool.getPoolSize();
    }

    /**
     * Refuses further attempts and lets each thread exit once its attempt is over (attempts still
     * running are aborted by the pipeline's close, not here).
     */
    public void shutdown() {
        pool.shutdown();
    }
}
