package dev.poolse.bench;

import dev.poolse.bench.harness.JfrSummary;
import dev.poolse.bench.harness.MachineInfo;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.WindowEvent;
import dev.poolse.bench.micro.MicroBenchmarks;
import dev.poolse.bench.scenario.BlastBenchmark;
import dev.poolse.bench.scenario.CacheBenchmark;
import dev.poolse.bench.scenario.DevServerBenchmark;
import dev.poolse.bench.scenario.JvmWarmUp;
import dev.poolse.bench.scenario.RealtimeBenchmark;
import dev.poolse.bench.scenario.RestBenchmark;
import dev.poolse.bench.scenario.ScaleBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jdk.jfr.Recording;

/**
 * Runs the benchmark families and prints one table, each SDK figure beside its raw baseline. Entry point of
 * {@code poolse-bench.jar}.
 *
 * <p>Exit status: 0 whatever the figures are (targets are reported, never enforced), 2 for a bad command line.
 */
public final class PoolseBench {

    /** Methods listed per window in a JFR summary. */
    private static final int TOP_FRAMES = 15;

    private PoolseBench() {
    }

    /**
     * Records CPU samples every 2 ms (JFR's "profile" setting takes 10 ms), for enough samples from short windows,
     * and the window markers.
     */
    private static Recording startRecording() {
        Recording recording = new Recording();
        recording.setName("poolse-bench");
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        recording.enable(WindowEvent.NAME);
        recording.setToDisk(true);
        recording.start();
        return recording;
    }

    /**
     * Parses the arguments, runs the chosen families and prints the table.
     *
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        for (String arg : args) {
            if (arg.startsWith("--jfr-summary=")) {
                try {
                    JfrSummary.print(Path.of(arg.substring("--jfr-summary=".length())), TOP_FRAMES, System.out);
                } catch (IOException e) {
                    System.err.println("cannot read the recording: " + e);
                    System.exit(2);
                }
                return;
            }
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long started = System.nanoTime();
        Recording recording = options.jfrFile() == null ? null : startRecording();
        ResultTable table = run(options, System.err);
        PrintStream out = System.out;
        out.println();
        out.println("Poolse benchmarks, " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + (options.quick() ? " (--quick)" : ""));
        MachineInfo.describe().forEach(out::println);
        out.println(String.format(java.util.Locale.ROOT, "        %.2f when the run started; the run took %d s. "
                + "Wall-clock figures move with that load; client CPU per operation much less.", loadAtStart,
                Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        out.println();
        if (options.markdown()) {
            table.printMarkdown(out);
        } else {
            table.printText(out);
        }
        if (recording != null) {
            Path file = Path.of(options.jfrFile());
            try (recording) {
                recording.stop();
                recording.dump(file);
                out.println();
                JfrSummary.print(file, TOP_FRAMES, out);
            } catch (IOException e) {
                System.err.println("[poolse-bench] cannot write or read the recording " + file + ": " + e);
            }
        }
        out.flush();
        // Lingering non-daemon threads of a misbehaving client must not keep the process alive after the table.
        System.exit(0);
    }

    /**
     * Runs every family the options select, logging progress.
     *
     * @param options the run's parameters; not null
     * @param log where progress lines go; not null
     * @return the filled table
     */
    public static ResultTable run(BenchOptions options, PrintStream log) {
        if (options == null || log == null) {
            throw new NullPointerException("options and log are required");
        }
        ResultTable table = new ResultTable();
        boolean endToEnd = options.sections().stream().anyMatch(s -> !s.equals("caches") && !s.equals("micro"));
        if (endToEnd) {
            log.println("[poolse-bench] JVM warm-up ...");
            try {
                JvmWarmUp.run(options);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return table;
            } catch (Exception e) {
                // The figures are still worth having; the first family may read slow, and the log says why.
                log.println("[poolse-bench] warm-up failed: " + e);
            }
        }
        for (Benchmark benchmark : all()) {
            if (!options.runs(benchmark.section())) {
                continue;
            }
            long start = System.nanoTime();
            log.println("[poolse-bench] " + benchmark.section() + " ...");
            try {
                benchmark.run(options, table);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                table.addFailure(benchmark.section(), "(all)", "interrupted");
                break;
            } catch (Exception | Error e) {
                table.addFailure(benchmark.section(), "(remaining figures)", e.toString());
                e.printStackTrace(log);
            }
            log.println("[poolse-bench] " + benchmark.section() + " done in "
                    + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        }
        return table;
    }

    private static List<Benchmark> all() {
        return List.of(new DevServerBenchmark(), new RestBenchmark(), new RealtimeBenchmark(), new BlastBenchmark(),
                new ScaleBenchmark(),
                new CacheBenchmark(), new MicroBenchmarks());
    }
}
