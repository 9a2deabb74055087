package dev.poolse.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures retained heap and live threads, for the per-channel and per-client costs.
 *
 * <p>Retained heap is read after asking for several full collections until the used figure settles, so garbage
 * produced by the setup is not counted. {@code System.gc()} is only a request; the figure is an estimate good to a
 * few hundred kilobytes, which is why costs are measured over thousands of objects.
 */
public final class HeapProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /**
     * Returns the used heap after garbage collection.
     *
     * @return bytes in use
     * @throws InterruptedException if interrupted while letting finalisation and reference processing run
     */
    public static long usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long used = 0;
        // Bounded: at most eight rounds, stopping once two readings agree within 64 KiB.
        for (int round = 0; round < 8; round++) {
            System.gc();
            Thread.sleep(50);
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }

    /**
     * Returns the used heap once it has stopped shrinking: collects, waits a moment and collects again until two
     * readings a quarter of a second apart agree within 256 KiB, or ten seconds pass. Use it for the "before"
     * reading after closing servers or clients, whose threads may still be letting go of their objects.
     *
     * @return bytes in use
     * @throws InterruptedException if interrupted while waiting
     */
    public static long settledAfterGc() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long previous = usedAfterGc();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long used = usedAfterGc();
            if (Math.abs(previous - used) < 256 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /**
     * Returns how many threads are alive in this JVM.
     *
     * @return the live thread count
     */
    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Counts live threads by name, with every run of digits replaced by {@code N} so pool threads group
     * together ({@code poolse-http-3} counts as {@code poolse-http-N}).
     *
     * @return thread-name prefix to count, sorted by prefix
     */
    public static Map<String, Integer> threadsByPrefix() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (info == null) {
                continue;
            }
            String prefix = info.getThreadName().replaceAll("\\d+", "N");
            counts.merge(prefix, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Counts the threads started between two {@link #threadsByPrefix()} snapshots and still alive, ignoring pools
     * that shrank meanwhile (an unrelated pool going idle must not hide the threads a subject added).
     *
     * @param before the earlier snapshot; not null
     * @param after the later snapshot; not null
     * @return the sum of the positive per-name changes
     */
    public static int threadsAdded(Map<String, Integer> before, Map<String, Integer> after) {
        if (before == null || after == null) {
            throw new NullPointerException("before and after are required");
        }
        int added = 0;
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            added += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0));
        }
        return added;
    }

    /**
     * Describes how thread counts changed between two {@link #threadsByPrefix()} snapshots.
     *
     * @param before the earlier snapshot; not null
     * @param after the later snapshot; not null
     * @return for example {@code +2 poolse-http-, +1 poolse-realtime-io-}, or {@code no change}
     */
    public static String threadDelta(Map<String, Integer> before, Map<String, Integer> after) {
        if (before == null || after == null) {
            throw new NullPointerException("before and after are required");
        }
        Map<String, Integer> delta = new TreeMap<>();
        after.forEach((k, v) -> delta.merge(k, v, Integer::sum));
        before.forEach((k, v) -> delta.merge(k, -v, Integer::sum));
        StringBuilder sb = new StringBuilder();
        delta.forEach((k, v) -> {
            if (v != 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(v > 0 ? "+" : "").append(v).append(' ').append(k);
            }
        });
        return sb.length() == 0 ? "no change" : sb.toString();
    }
}
