package dev.poolse.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Client CPU accounting: the CPU time of the threads that belong to the client side of a benchmark, read from
 * {@link ThreadMXBean#getThreadCpuTime(long)} before and after a measured window.
 *
 * <p>The dev server (and the bench's own stub server) run in the same JVM, so the process CPU time would charge
 * their work to the client. Threads are therefore told apart by name: the server's threads all start with
 * {@value #DEV_SERVER_PREFIX} or {@value #STUB_SERVER_PREFIX}, and the JVM's service threads (compiler, reference
 * handler, JFR, ...) have fixed names; every other thread is on the client side (the calling threads, the SDK's
 * {@code poolse-*} pools and event loops, the JDK HttpClient's selector and worker threads, the raw clients'
 * {@value #RAW_PREFIX}* event loops, and the {@code Thread-N} threads the JDK starts for asynchronous
 * completions).
 *
 * <p>What this cannot see, and reports instead of hiding: the CPU of threads that ended inside the window (their
 * time is lost once they die), garbage collection and other VM-internal threads that are not Java threads. Both
 * appear in {@link Usage#unattributedNanos()}, the process CPU time not explained by any live Java thread.
 */
public final class ThreadCpu {

    /** Name prefix of every thread of the in-process dev server. */
    public static final String DEV_SERVER_PREFIX = "poolse-devserver-";
    /** Name prefix of every thread of the bench's own stub Phoenix server. */
    public static final String STUB_SERVER_PREFIX = "bench-stub-server-";
    /** Name prefix of the raw baseline clients' Netty threads. */
    public static final String RAW_PREFIX = "bench-raw-";
    /** Name prefix of every SDK thread (HTTP, callbacks, scheduler, realtime I/O and callbacks). */
    public static final String SDK_PREFIX = "poolse-";

    private static final List<String> JVM_SERVICE_PREFIXES = List.of("Reference Handler", "Finalizer",
            "Signal Dispatcher", "Attach Listener", "Common-Cleaner", "Notification Thread", "C1 CompilerThread",
            "C2 CompilerThread", "Sweeper thread", "Service Thread", "Monitor Deflation Thread", "JFR ",
            "process reaper", "DestroyJavaVM", "RMI ", "JMX ");

    /** Threads of a server running inside the bench's JVM. */
    public static final Predicate<String> SERVER = name -> name.startsWith(DEV_SERVER_PREFIX)
            || name.startsWith(STUB_SERVER_PREFIX);
    /** The JVM's own service threads. */
    public static final Predicate<String> JVM_SERVICE =
            name -> JVM_SERVICE_PREFIXES.stream().anyMatch(name::startsWith);
    /** Everything on the client side: neither a server thread nor a JVM service thread. */
    public static final Predicate<String> CLIENT = name -> !SERVER.test(name) && !JVM_SERVICE.test(name);
    /** The SDK's own threads. */
    public static final Predicate<String> SDK = name -> name.startsWith(SDK_PREFIX) && !SERVER.test(name);
    /** The raw baseline clients' event-loop threads. */
    public static final Predicate<String> RAW = name -> name.startsWith(RAW_PREFIX);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /**
     * The CPU time of every live thread at one moment.
     *
     * @param wallNanos {@link System#nanoTime()} when it was taken
     * @param processNanos the process CPU time, or -1 when the platform does not report it
     * @param startedThreads threads started in the JVM so far
     * @param threads thread id to its name and CPU time so far
     */
    public record Snapshot(long wallNanos, long processNanos, long startedThreads, Map<Long, ThreadTime> threads) {
    }

    /**
     * One thread in a {@link Snapshot}.
     *
     * @param name the thread's name
     * @param cpuNanos its CPU time so far
     */
    public record ThreadTime(String name, long cpuNanos) {
    }

    /**
     * The CPU used between two snapshots.
     *
     * @param countedNanos CPU time of the counted (client-side) threads
     * @param liveNanos CPU time of every live Java thread, counted or not
     * @param processNanos CPU time of the whole process, or -1 when unknown
     * @param wallNanos the window's length
     * @param endedThreads threads alive at the start and gone at the end (their CPU in the window is lost)
     * @param startedThreads threads started inside the window (those that also ended there are lost too)
     * @param countedNames the counted threads' names, digits folded to {@code N}, with how many of each
     */
    public record Usage(long countedNanos, long liveNanos, long processNanos, long wallNanos, int endedThreads,
                        long startedThreads, Map<String, Integer> countedNames) {

        /** Nothing measured. */
        public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, Map.of());

        /**
         * Returns the process CPU time no live Java thread accounts for: garbage collection, VM threads and threads
         * that ended inside the window.
         *
         * @return nanoseconds, or 0 when the process CPU time is unknown
         */
        public long unattributedNanos() {
            return processNanos < 0 ? 0 : Math.max(0, processNanos - liveNanos);
        }

        /**
         * Returns the counted CPU per operation in microseconds.
         *
         * @param operations operations done in the window
         * @return µs per operation, or {@code NaN} without operations
         */
        public double microsPer(long operations) {
            return operations <= 0 ? Double.NaN : countedNanos / 1e3 / operations;
        }

        /**
         * Adds two usages, for a figure measured over several rounds.
         *
         * @param other the other usage; not null
         * @return the sum
         */
        public Usage plus(Usage other) {
            Map<String, Integer> names = new TreeMap<>(countedNames);
            other.countedNames.forEach((k, v) -> names.merge(k, v, Math::max));
            long process = processNanos < 0 || other.processNanos < 0 ? -1 : processNanos + other.processNanos;
            return new Usage(countedNanos + other.countedNanos, liveNanos + other.liveNanos, process,
                    wallNanos + other.wallNanos, endedThreads + other.endedThreads,
                    startedThreads + other.startedThreads, names);
        }

        /**
         * Describes the counted threads, for the verbose log.
         *
         * @return for example {@code 16 x bench-send-subject-N, 1 x poolse-http-N}
         */
        public String describeThreads() {
            StringBuilder sb = new StringBuilder();
            countedNames.forEach((k, v) -> {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(v).append(" x ").append(k);
            });
            return sb.length() == 0 ? "(none)" : sb.toString();
        }
    }

    private ThreadCpu() {
    }

    /**
     * Reads the CPU time of every live thread and of the process.
     *
     * @return the snapshot
     */
    public static Snapshot snapshot() {
        Map<Long, ThreadTime> threads = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu >= 0) {
                threads.put(ids[i], new ThreadTime(infos[i].getThreadName(), cpu));
            }
        }
        return new Snapshot(System.nanoTime(), processCpuNanos(), THREADS.getTotalStartedThreadCount(), threads);
    }

    /**
     * Computes what the threads a predicate selects used between two snapshots. A thread that started inside the
     * window counts from zero; one that ended inside it is counted in {@link Usage#endedThreads()} only.
     *
     * @param before the earlier snapshot; not null
     * @param after the later snapshot; not null
     * @param counted which thread names to count; not null
     * @return the usage
     */
    public static Usage between(Snapshot before, Snapshot after, Predicate<String> counted) {
        long countedNanos = 0;
        long liveNanos = 0;
        Map<String, Integer> names = new TreeMap<>();
        for (Map.Entry<Long, ThreadTime> e : after.threads().entrySet()) {
            ThreadTime then = before.threads().get(e.getKey());
            long delta = Math.max(0, e.getValue().cpuNanos() - (then == null ? 0 : then.cpuNanos()));
            liveNanos += delta;
            if (counted.test(e.getValue().name())) {
                countedNanos += delta;
                if (delta > 0) {
                    names.merge(fold(e.getValue().name()), 1, Integer::sum);
                }
            }
        }
        int ended = 0;
        Set<Long> stillAlive = after.threads().keySet();
        for (Long id : before.threads().keySet()) {
            if (!stillAlive.contains(id)) {
                ended++;
            }
        }
        long process = before.processNanos() < 0 || after.processNanos() < 0 ? -1
                : after.processNanos() - before.processNanos();
        return new Usage(countedNanos, liveNanos, process, after.wallNanos() - before.wallNanos(), ended,
                after.startedThreads() - before.startedThreads(), names);
    }

    /**
     * Returns a thread name with every run of digits replaced by {@code N}, so pool threads group together.
     *
     * @param name the thread name
     * @return the folded name
     */
    public static String fold(String name) {
        return name.replaceAll("\\d+", "N");
    }

    private static long processCpuNanos() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
