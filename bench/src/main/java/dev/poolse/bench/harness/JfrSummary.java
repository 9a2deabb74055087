package dev.poolse.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a Java Flight Recorder recording of a benchmark run: for each measured window (a {@link WindowEvent},
 * windows of the same name merged), the methods most often on top of the stack in the CPU samples
 * ({@code jdk.ExecutionSample}) of the client-side threads, with their share of those samples, and the SDK methods
 * most often anywhere on the stack.
 *
 * <p>Samples of the server's threads and the JVM's service threads are left out with the same rule as the client
 * CPU figures ({@link ThreadCpu#CLIENT}).
 */
public final class JfrSummary {

    private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    private JfrSummary() {
    }

    /** The samples of one window name. */
    private static final class Window {
        final List<Instant[]> spans = new ArrayList<>();
        final Map<String, Integer> top = new LinkedHashMap<>();
        final Map<String, Integer> sdkInclusive = new LinkedHashMap<>();
        final Map<String, Integer> threads = new LinkedHashMap<>();
        int samples;

        boolean covers(Instant t) {
            for (Instant[] span : spans) {
                if (!t.isBefore(span[0]) && !t.isAfter(span[1])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Reads a recording and prints the summary.
     *
     * @param recording the recording file; not null
     * @param topN how many methods to list per window
     * @param out where to print; not null
     * @throws IOException when the file cannot be read
     */
    public static void print(Path recording, int topN, PrintStream out) throws IOException {
        print(recording, topN, ThreadCpu.CLIENT, out);
    }

    /**
     * Reads a recording and prints the summary for the threads a predicate selects.
     *
     * @param recording the recording file; not null
     * @param topN how many methods to list per window
     * @param threads which thread names count; not null
     * @param out where to print; not null
     * @throws IOException when the file cannot be read
     */
    public static void print(Path recording, int topN, Predicate<String> threads, PrintStream out)
            throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        Map<String, Window> windows = new LinkedHashMap<>();
        events.stream().filter(e -> e.getEventType().getName().equals(WindowEvent.NAME))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                .forEach(e -> windows.computeIfAbsent(e.getString("window"), k -> new Window()).spans
                        .add(new Instant[] {e.getStartTime(), e.getEndTime()}));
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals(EXECUTION_SAMPLE)) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            RecordedStackTrace stack = e.getStackTrace();
            if (name == null || !threads.test(name) || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            for (Window w : windows.values()) {
                if (w.covers(e.getStartTime())) {
                    count(w, name, stack);
                }
            }
        }
        out.println("JFR CPU samples (" + EXECUTION_SAMPLE + ") of client-side threads, per measured window: "
                + recording.getFileName());
        for (Map.Entry<String, Window> entry : windows.entrySet()) {
            Window w = entry.getValue();
            out.println();
            out.printf(Locale.ROOT, "window '%s' (%d span(s)): %,d samples%n", entry.getKey(), w.spans.size(),
                    w.samples);
            if (w.samples == 0) {
                continue;
            }
            out.println("  by thread: " + describe(w.threads, w.samples, 8));
            out.println("  top frames (self):");
            printTop(w.top, w.samples, topN, out);
            if (!w.sdkInclusive.isEmpty()) {
                out.println("  SDK methods anywhere on the stack (inclusive):");
                printTop(w.sdkInclusive, w.samples, topN, out);
            }
        }
    }

    private static void count(Window w, String thread, RecordedStackTrace stack) {
        w.samples++;
        w.threads.merge(ThreadCpu.fold(thread), 1, Integer::sum);
        List<RecordedFrame> frames = stack.getFrames();
        w.top.merge(method(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
            String m = method(f);
            if (m.startsWith("dev.poolse.sdk.") && seen.add(m)) {
                w.sdkInclusive.merge(m, 1, Integer::sum);
            }
        }
    }

    private static String method(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        return m == null ? "(unknown)" : m.getType().getName() + "." + m.getName();
    }

    private static void printTop(Map<String, Integer> counts, int total, int topN, PrintStream out) {
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .limit(topN)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / total,
                        e.getValue(), e.getKey()));
    }

    private static String describe(Map<String, Integer> counts, int total, int limit) {
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total)));
        return sb.toString();
    }
}
