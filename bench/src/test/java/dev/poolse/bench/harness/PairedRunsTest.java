package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PairedRunsTest {

    @Test
    void eachSideGetsEveryRoundAndItsOwnOperation() throws Exception {
        AtomicLong subjectCalls = new AtomicLong();
        AtomicLong baselineCalls = new AtomicLong();
        PairedRuns.Result result = PairedRuns.run(3, 2, Duration.ZERO, Duration.ofSeconds(30), 20, "test",
                (w, i) -> subjectCalls.incrementAndGet(), (w, i) -> baselineCalls.incrementAndGet());
        assertThat(result.subject().operations()).isEqualTo(60);
        assertThat(result.baseline().operations()).isEqualTo(60);
        assertThat(subjectCalls.get()).isGreaterThanOrEqualTo(60);
        assertThat(baselineCalls.get()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void combineAddsWindowsAndMergesLatencies() {
        LatencySamples a = new LatencySamples(4);
        a.record(1_000);
        LatencySamples b = new LatencySamples(4);
        b.record(3_000);
        LoadResult combined = PairedRuns.combine(List.of(
                new LoadResult(1, 0, 1_000_000_000L, a, null),
                new LoadResult(1, 2, 1_000_000_000L, b, null)));
        assertThat(combined.throughputPerSecond()).isEqualTo(1.0);
        assertThat(combined.errors()).isEqualTo(2);
        assertThat(combined.latencies().percentileNanos(1.0)).isEqualTo(3_000);
    }
}
