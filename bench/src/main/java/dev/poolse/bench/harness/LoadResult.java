package dev.poolse.bench.harness;

/**
 * What one closed-loop run measured.
 *
 * @param operations operations completed inside the measurement window
 * @param errors operations that threw inside the measurement window
 * @param elapsedNanos length of the measurement window
 * @param latencies per-operation latencies of the successful operations
 * @param firstError the first failure seen, or {@code null}
 * @param cpu the client-side CPU used in the measurement window ({@link ThreadCpu.Usage#NONE} when not measured)
 */
public record LoadResult(long operations, long errors, long elapsedNanos, LatencySamples latencies,
                         Throwable firstError, ThreadCpu.Usage cpu) {

    /**
     * Creates a result without a CPU figure.
     *
     * @param operations operations completed inside the measurement window
     * @param errors operations that threw inside the measurement window
     * @param elapsedNanos length of the measurement window
     * @param latencies per-operation latencies of the successful operations
     * @param firstError the first failure seen, or {@code null}
     */
    public LoadResult(long operations, long errors, long elapsedNanos, LatencySamples latencies,
                      Throwable firstError) {
        this(operations, errors, elapsedNanos, latencies, firstError, ThreadCpu.Usage.NONE);
    }

    /**
     * Creates a result.
     */
    public LoadResult {
        if (cpu == null) {
            cpu = ThreadCpu.Usage.NONE;
        }
    }

    /**
     * Returns the client-side CPU time per operation in the window.
     *
     * @return µs per operation, or {@code NaN} when not measured
     */
    public double cpuMicrosPerOp() {
        return cpu.countedNanos() == 0 ? Double.NaN : cpu.microsPer(operations);
    }

    /**
     * Returns the client-side CPU per operation plus the process CPU no live thread accounts for (GC, VM threads,
     * threads that ended in the window): an upper bound that also holds the work of short-lived threads.
     *
     * @return µs per operation, or {@code NaN} when not measured
     */
    public double cpuWithUnattributedMicrosPerOp() {
        return cpu.countedNanos() == 0 || operations <= 0 ? Double.NaN
                : (cpu.countedNanos() + cpu.unattributedNanos()) / 1e3 / operations;
    }

    /**
     * Returns successful operations per second.
     *
     * @return the throughput, or {@code NaN} for an empty window
     */
    public double throughputPerSecond() {
        return elapsedNanos <= 0 ? Double.NaN : operations * 1e9 / elapsedNanos;
    }

    /**
     * Returns the median latency in milliseconds.
     *
     * @return p50 in ms
     */
    public double p50Millis() {
        return latencies.percentileNanos(0.50) / 1e6;
    }

    /**
     * Returns the 99th percentile latency in milliseconds.
     *
     * @return p99 in ms
     */
    public double p99Millis() {
        return latencies.percentileNanos(0.99) / 1e6;
    }
}
