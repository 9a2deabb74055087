package dev.poolse.bench.harness;

import java.util.Arrays;

/**
 * A bounded, single-writer record of latencies in nanoseconds.
 *
 * <p>Each load thread owns one instance (no synchronisation on the hot path); {@link #merge} combines them once the
 * run is over. Samples beyond the capacity are counted but not stored, so a long run cannot exhaust the heap.
 */
public final class LatencySamples {

    private long[] values;
    private int size;
    private long dropped;
    private final int capacity;

    /**
     * Creates an empty record.
     *
     * @param capacity the most samples kept; must be positive
     */
    public LatencySamples(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.values = new long[Math.min(capacity, 1024)];
    }

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; must not be negative
     */
    public void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency must not be negative, was " + nanos);
        }
        if (size == capacity) {
            dropped++;
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(capacity, values.length * 2));
        }
        values[size++] = nanos;
    }

    /**
     * Returns how many samples are stored.
     *
     * @return the stored sample count
     */
    public int size() {
        return size;
    }

    /**
     * Returns how many samples arrived after the record was full.
     *
     * @return the dropped sample count
     */
    public long dropped() {
        return dropped;
    }

    /**
     * Combines several records into a new one holding all their samples.
     *
     * @param parts the records to combine; not null, no null element
     * @return a new record; the parts are left unchanged
     */
    public static LatencySamples merge(Iterable<LatencySamples> parts) {
        if (parts == null) {
            throw new NullPointerException("parts");
        }
        int total = 0;
        long dropped = 0;
        for (LatencySamples part : parts) {
            total += part.size;
            dropped += part.dropped;
        }
        LatencySamples merged = new LatencySamples(Math.max(1, total));
        for (LatencySamples part : parts) {
            System.arraycopy(part.values, 0, merged.values(total), merged.size, part.size);
            merged.size += part.size;
        }
        merged.dropped = dropped;
        return merged;
    }

    private long[] values(int needed) {
        if (values.length < needed) {
            values = Arrays.copyOf(values, needed);
        }
        return values;
    }

    /**
     * Returns the latency at a quantile, by the nearest-rank method.
     *
     * @param quantile between 0 and 1 inclusive
     * @return the latency in nanoseconds, or {@code NaN} when there are no samples
     */
    public double percentileNanos(double quantile) {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], was " + quantile);
        }
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * size);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Returns the mean latency.
     *
     * @return the mean in nanoseconds, or {@code NaN} when there are no samples
     */
    public double meanNanos() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }
}
