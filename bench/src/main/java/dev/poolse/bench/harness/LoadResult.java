package dev.poolse.bench.harness;

/**
 * What one closed-loop run measured.
 *
 * @param operations operations completed inside the measurement window
 * @param errors operations that threw inside the measurement window
 * @param elapsedNanos length of the measurement window
 * @param latencies per-operation latencies of the successful operations
 * @param firstError the first failure seen, or {@code null}
 */
public record LoadResult(long operations, long errors, long elapsedNanos, LatencySamples latencies,
                         Throwable firstError) {

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
