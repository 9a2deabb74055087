package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void stopsAtTheOperationCountBeforeTheWindowEnds() throws Exception {
        AtomicLong calls = new AtomicLong();
        LoadResult result = new ClosedLoop(4, Duration.ZERO, Duration.ofSeconds(30), 400)
                .run("test", (w, i) -> calls.incrementAndGet());
        assertThat(result.operations()).isEqualTo(400);
        assertThat(result.latencies().size()).isEqualTo(400);
        assertThat(result.elapsedNanos()).isLessThan(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void countsFailuresAsErrorsNotSamples() throws Exception {
        LoadResult result = new ClosedLoop(2, Duration.ZERO, Duration.ofSeconds(30), 100)
                .run("test", (w, i) -> {
                    if (i % 2 == 0) {
                        throw new IllegalStateException("boom");
                    }
                });
        assertThat(result.errors()).isEqualTo(50);
        assertThat(result.operations()).isEqualTo(50);
        assertThat(result.firstError()).hasMessage("boom");
    }
}
