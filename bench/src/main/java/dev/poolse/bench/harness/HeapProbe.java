package dev.poolse.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

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
     * Returns how many threads are alive in this JVM.
     *
     * @return the live thread count
     */
    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
