package dev.poolse.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Runs a blocking operation from a fixed number of threads, each starting its next call as soon as the previous one
 * returns (a closed loop), first for a warm-up period that is not recorded, then for a measured window.
 *
 * <p>Every run is bounded twice: by time (warm-up plus window) and by a total operation count, so a benchmark ends
 * even if the operation turns out much faster or slower than expected. The threads are started per run and joined
 * before {@link #run} returns; nothing outlives it.
 *
 * <p>The CPU time of the client-side threads ({@link ThreadCpu}) is read when the window opens and again once every
 * calling thread has made its last call but before any of them ends (a dead thread's CPU time can no longer be
 * read), so the result carries the client CPU spent on the window's operations.
 */
public final class ClosedLoop {

    /** One call of the measured operation. */
    @FunctionalInterface
    public interface Operation {
        /**
         * Performs one call; a thrown exception counts as an error, not a sample.
         *
         * @param worker the index of the calling thread, from 0 to concurrency - 1
         * @param iteration the number of calls this thread has made before, warm-up included
         * @throws Exception when the call fails
         */
        void call(int worker, long iteration) throws Exception;
    }

    private final int concurrency;
    private final Duration warmUp;
    private final Duration window;
    private final long maxOperations;
    private final Predicate<String> counted;

    /**
     * Creates a runner.
     *
     * @param concurrency threads calling at the same time; positive
     * @param warmUp unrecorded time before the window; not negative
     * @param window the measured time; positive
     * @param maxOperations the most operations recorded in the window, all threads together; positive
     */
    public ClosedLoop(int concurrency, Duration warmUp, Duration window, long maxOperations) {
        this(concurrency, warmUp, window, maxOperations, ThreadCpu.CLIENT);
    }

    /**
     * Creates a runner that counts the CPU time of the threads a predicate selects.
     *
     * @param concurrency threads calling at the same time; positive
     * @param warmUp unrecorded time before the window; not negative
     * @param window the measured time; positive
     * @param maxOperations the most operations recorded in the window, all threads together; positive
     * @param counted which threads' CPU time counts, by name; not null
     */
    public ClosedLoop(int concurrency, Duration warmUp, Duration window, long maxOperations,
                      Predicate<String> counted) {
        if (concurrency <= 0) {
            throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
        }
        if (warmUp == null || window == null) {
            throw new NullPointerException("warmUp and window are required");
        }
        if (warmUp.isNegative() || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative and window must be positive");
        }
        if (maxOperations <= 0) {
            throw new IllegalArgumentException("maxOperations must be positive, was " + maxOperations);
        }
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.window = window;
        this.maxOperations = maxOperations;
        this.counted = java.util.Objects.requireNonNull(counted, "counted");
    }

    /**
     * Runs the operation and returns what the window measured.
     *
     * @param name a label for the threads
     * @param operation the call to measure; not null
     * @return the measurement
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public LoadResult run(String name, Operation operation) throws InterruptedException {
        if (name == null || operation == null) {
            throw new NullPointerException("name and operation are required");
        }
        long perThreadQuota = Math.max(1, maxOperations / concurrency);
        int capacity = (int) Math.min(perThreadQuota, 2_000_000);
        List<LatencySamples> samples = new ArrayList<>(concurrency);
        long[] errors = new long[concurrency];
        long[] finishedAt = new long[concurrency];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch lastCallMade = new CountDownLatch(concurrency);
        CountDownLatch mayExit = new CountDownLatch(1);
        long[] times = new long[2];
        List<Thread> threads = new ArrayList<>(concurrency);
        for (int w = 0; w < concurrency; w++) {
            LatencySamples mine = new LatencySamples(capacity);
            samples.add(mine);
            int worker = w;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lastCallMade.countDown();
                    return;
                }
                long warmEnd = times[0];
                long windowEnd = times[1];
                long iteration = 0;
                while (System.nanoTime() < warmEnd) {
                    try {
                        operation.call(worker, iteration++);
                    } catch (Exception e) {
                        firstError.compareAndSet(null, e);
                    }
                }
                long recorded = 0;
                while (recorded < perThreadQuota && System.nanoTime() < windowEnd) {
                    long start = System.nanoTime();
                    try {
                        operation.call(worker, iteration++);
                        mine.record(System.nanoTime() - start);
                    } catch (Exception e) {
                        errors[worker]++;
                        firstError.compareAndSet(null, e);
                    }
                    recorded++;
                }
                finishedAt[worker] = System.nanoTime();
                lastCallMade.countDown();
                try {
                    // Stay alive until the CPU reading is taken: a dead thread's CPU time cannot be read.
                    mayExit.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long now = System.nanoTime();
        times[0] = now + warmUp.toNanos();
        times[1] = times[0] + window.toNanos();
        // The latch publishes times[] to the workers (happens-before through countDown/await).
        go.countDown();
        ThreadCpu.Snapshot before = null;
        ThreadCpu.Snapshot after = null;
        try {
            long untilWindow = times[0] - System.nanoTime();
            if (untilWindow > 0) {
                TimeUnit.NANOSECONDS.sleep(untilWindow);
            }
            WindowEvent event = new WindowEvent(name);
            event.begin();
            before = ThreadCpu.snapshot();
            if (lastCallMade.await(window.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
                after = ThreadCpu.snapshot();
            }
            event.commit();
        } finally {
            mayExit.countDown();
        }
        for (Thread t : threads) {
            t.join(warmUp.plus(window).toMillis() + 60_000);
            if (t.isAlive()) {
                t.interrupt();
                t.join(10_000);
            }
        }
        long end = times[0];
        for (long f : finishedAt) {
            end = Math.max(end, f);
        }
        LatencySamples merged = LatencySamples.merge(samples);
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        ThreadCpu.Usage cpu = before == null || after == null ? ThreadCpu.Usage.NONE
                : ThreadCpu.between(before, after, counted);
        return new LoadResult(merged.size() + merged.dropped(), errorCount, end - times[0], merged, firstError.get(),
                cpu);
    }
}
