package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesUseNearestRank() {
        LatencySamples samples = new LatencySamples(1000);
        for (int i = 100; i >= 1; i--) {
            samples.record(i);
        }
        assertThat(samples.percentileNanos(0.50)).isEqualTo(50);
        assertThat(samples.percentileNanos(0.99)).isEqualTo(99);
        assertThat(samples.percentileNanos(1.0)).isEqualTo(100);
        assertThat(samples.percentileNanos(0.0)).isEqualTo(1);
    }

    @Test
    void samplesBeyondCapacityAreCountedButNotStored() {
        LatencySamples samples = new LatencySamples(3);
        for (int i = 0; i < 5; i++) {
            samples.record(7);
        }
        assertThat(samples.size()).isEqualTo(3);
        assertThat(samples.dropped()).isEqualTo(2);
    }

    @Test
    void mergeKeepsEverySampleOfEveryPart() {
        LatencySamples a = new LatencySamples(10);
        LatencySamples b = new LatencySamples(2000);
        a.record(1);
        a.record(2);
        for (int i = 0; i < 1500; i++) {
            b.record(10);
        }
        LatencySamples merged = LatencySamples.merge(List.of(a, b));
        assertThat(merged.size()).isEqualTo(1502);
        assertThat(merged.percentileNanos(0.0)).isEqualTo(1);
        assertThat(merged.meanNanos()).isCloseTo((1 + 2 + 15000) / 1502.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void emptyRecordHasNoPercentile() {
        assertThat(new LatencySamples(1).percentileNanos(0.5)).isNaN();
    }

    @Test
    void rejectsNegativeLatency() {
        assertThatThrownBy(() -> new LatencySamples(1).record(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
