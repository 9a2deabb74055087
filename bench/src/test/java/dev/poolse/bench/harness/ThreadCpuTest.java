package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The accounting rules of the client CPU figures, on hand-made snapshots. */
class ThreadCpuTest {

    @Test
    void countsOnlyTheSelectedThreadsAndReportsWhatNoLiveThreadExplains() {
        ThreadCpu.Snapshot before = new ThreadCpu.Snapshot(0, 1_000, 10, Map.of(
                1L, new ThreadCpu.ThreadTime("poolse-devserver-io-1-1", 100),
                2L, new ThreadCpu.ThreadTime("poolse-http-1", 100),
                3L, new ThreadCpu.ThreadTime("bench-send-subject-0", 0),
                4L, new ThreadCpu.ThreadTime("Thread-7", 50)));
        ThreadCpu.Snapshot after = new ThreadCpu.Snapshot(5_000, 3_000, 14, Map.of(
                1L, new ThreadCpu.ThreadTime("poolse-devserver-io-1-1", 600),
                2L, new ThreadCpu.ThreadTime("poolse-http-1", 300),
                3L, new ThreadCpu.ThreadTime("bench-send-subject-0", 400),
                5L, new ThreadCpu.ThreadTime("C2 CompilerThread0", 100),
                6L, new ThreadCpu.ThreadTime("HttpClient-1-SelectorManager", 100)));

        ThreadCpu.Usage usage = ThreadCpu.between(before, after, ThreadCpu.CLIENT);

        // 200 (poolse-http) + 400 (caller) + 100 (started in the window); not the server, not the compiler.
        assertThat(usage.countedNanos()).isEqualTo(700);
        assertThat(usage.liveNanos()).isEqualTo(1_300);
        assertThat(usage.processNanos()).isEqualTo(2_000);
        assertThat(usage.unattributedNanos()).isEqualTo(700);
        assertThat(usage.endedThreads()).isEqualTo(1);
        assertThat(usage.startedThreads()).isEqualTo(4);
        assertThat(usage.wallNanos()).isEqualTo(5_000);
        assertThat(usage.countedNames()).containsOnlyKeys("poolse-http-N", "bench-send-subject-N",
                "HttpClient-N-SelectorManager");
        assertThat(usage.microsPer(7)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void predicatesTellServerSdkRawAndJvmThreadsApart() {
        assertThat(ThreadCpu.SERVER.test("poolse-devserver-boss-2-1")).isTrue();
        assertThat(ThreadCpu.SERVER.test("bench-stub-server-io-3-1")).isTrue();
        assertThat(ThreadCpu.SDK.test("poolse-realtime-io-1-2")).isTrue();
        assertThat(ThreadCpu.SDK.test("poolse-devserver-io-1-1")).isFalse();
        assertThat(ThreadCpu.RAW.test("bench-raw-io-4-1")).isTrue();
        assertThat(ThreadCpu.CLIENT.test("Reference Handler")).isFalse();
        assertThat(ThreadCpu.CLIENT.test("Thread-12")).isTrue();
    }

    @Test
    void usagesOfRoundsAddUp() {
        ThreadCpu.Usage a = new ThreadCpu.Usage(10, 20, 30, 40, 1, 2, Map.of("x-N", 1));
        ThreadCpu.Usage b = new ThreadCpu.Usage(1, 2, -1, 4, 0, 1, Map.of("y-N", 2));
        ThreadCpu.Usage sum = a.plus(b);
        assertThat(sum.countedNanos()).isEqualTo(11);
        assertThat(sum.processNanos()).isEqualTo(-1);
        assertThat(sum.unattributedNanos()).isZero();
        assertThat(sum.countedNames()).containsOnlyKeys("x-N", "y-N");
        assertThat(ThreadCpu.Usage.NONE.microsPer(0)).isNaN();
    }
}
