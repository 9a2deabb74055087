package dev.poolse.bench.micro;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.ResultTable;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH micro-benchmarks in a forked JVM (JMH's default, so this process's heap and JIT state do not leak
 * into them) and copies each score into the table.
 */
public final class MicroBenchmarks implements Benchmark {

    private static final String SECTION = "micro";

    /** Creates the benchmark family. */
    public MicroBenchmarks() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        boolean quick = options.quick();
        Options jmh = new OptionsBuilder()
                .include(CacheHitBenchmarks.class.getName() + "\\.")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .threads(quick ? 1 : 2)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(jmh).run();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            String bound = Double.isNaN(error) ? "too few iterations for an error bound"
                    : "+/- " + Figure.formatNumber(error) + " ns (99.9%)";
            table.add(SECTION, "JMH " + method, Figure.of(score, "ns/op"), null,
                    String.format("%s, %d thread(s), forked JVM", bound, r.getParams().getThreads()));
        }
    }
}
