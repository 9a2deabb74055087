package dev.poolse.sdk.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedEventLoopsTest {

    private static long sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("poolse-realtime-") && t.isAlive())
                .count();
    }

    @Test
    void clientsShareOneGroupAndTheLastReleaseStopsEveryThread() throws Exception {
        SharedEventLoops.Lease a = SharedEventLoops.acquire();
        SharedEventLoops.Lease b = SharedEventLoops.acquire();
        assertThat(a.group()).isSameAs(b.group());
        // Start threads in both pools.
        a.group().submit(() -> { }).get(5, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> { }, a.callbacks()).get(5, TimeUnit.SECONDS);
        a.release();
        a.release(); // a second release of the same lease is ignored
        assertThat(b.group().isShuttingDown()).isFalse();
        b.release();
        assertThat(b.group().isTerminated()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sdkThreads() == 0);
    }

    @Test
    void acquireAfterFullReleaseCreatesFreshThreads() {
        SharedEventLoops.Lease a = SharedEventLoops.acquire();
        a.release();
        SharedEventLoops.Lease b = SharedEventLoops.acquire();
        try {
            assertThat(b.group()).isNotSameAs(a.group());
            assertThat(b.group().isShuttingDown()).isFalse();
        } finally {
            b.release();
        }
    }
}
