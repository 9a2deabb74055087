package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapProbeTest {

    @Test
    void threadsAddedIgnoresPoolsThatShrank() {
        Map<String, Integer> before = Map.of("HttpClient-N-Worker-N", 24, "poolse-callback-N", 1);
        Map<String, Integer> after = Map.of("poolse-callback-N", 12, "poolse-realtime-io-N-N", 2);
        assertThat(HeapProbe.threadsAdded(before, after)).isEqualTo(13);
    }

    @Test
    void threadDeltaNamesEveryChangedPool() {
        Map<String, Integer> before = Map.of("a-N", 2, "b-N", 1);
        Map<String, Integer> after = Map.of("a-N", 2, "b-N", 3);
        assertThat(HeapProbe.threadDelta(before, after)).isEqualTo("+2 b-N");
        assertThat(HeapProbe.threadDelta(before, before)).isEqualTo("no change");
    }
}
