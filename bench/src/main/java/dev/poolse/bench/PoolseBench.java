package dev.poolse.bench;

import dev.poolse.bench.harness.MachineInfo;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.micro.MicroBenchmarks;
import dev.poolse.bench.scenario.BlastBenchmark;
import dev.poolse.bench.scenario.CacheBenchmark;
import dev.poolse.bench.scenario.DevServerBenchmark;
import dev.poolse.bench.scenario.JvmWarmUp;
import dev.poolse.bench.scenario.RealtimeBenchmark;
import dev.poolse.bench.scenario.RestBenchmark;
import dev.poolse.bench.scenario.ScaleBenchmark;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs the benchmark families and prints one table, each SDK figure beside its raw baseline. Entry point of
 * {@code poolse-bench.jar}.
 *
 * <p>Exit status: 0 whatever the figures are (targets are reported, never enforced), 2 for a bad command line.
 */
public final class PoolseBench {

    private PoolseBench() {
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
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        ResultTable table = run(options, System.err);
        PrintStream out = System.out;
        out.println();
        out.println("Poolse benchmarks, " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + (options.quick() ? " (--quick)" : ""));
        MachineInfo.describe().forEach(out::println);
        out.println();
        if (options.markdown()) {
            table.printMarkdown(out);
        } else {
            table.printText(out);
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
