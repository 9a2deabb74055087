package dev.poolse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.bench.harness.ResultTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every end-to-end benchmark family for a fraction of a second with tiny counts, so a change to the SDK or the
 * dev server that breaks a benchmark shows in the build. It asserts only that each family produced numbers, never
 * what they are: timings are not tested.
 */
class BenchmarksSmokeIT {

    @Test
    void everyFamilyProducesNumbers() {
        Set<String> families = Set.of("server", "rest", "realtime", "blast", "scale", "caches");
        BenchOptions tiny = new BenchOptions(true, Duration.ofMillis(50), Duration.ofMillis(200), List.of(2),
                100, 20, 5, 200, 10, 3, families, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        ResultTable table = PoolseBench.run(tiny, new PrintStream(log, true, StandardCharsets.UTF_8));

        String progress = log.toString(StandardCharsets.UTF_8);
        for (String family : families) {
            assertThat(table.rows()).as("rows of %s; log:%n%s", family, progress)
                    .anySatisfy(row -> assertThat(row.section()).isEqualTo(family));
        }
        assertThat(table.rows()).as("log:%n%s", progress).allSatisfy(row -> {
            assertThat(row.note()).doesNotStartWith("NOT MEASURED");
            assertThat(row.figure().value()).as(row.metric()).isNotNaN();
        });
    }
}
