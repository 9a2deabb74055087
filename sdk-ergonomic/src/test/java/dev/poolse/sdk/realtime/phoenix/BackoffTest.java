package dev.poolse.sdk.realtime.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> first(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(b.delay(i).toMillis());
        }
        return out;
    }

    @Test
    void reconnectScheduleMatchesPhoenixThenStaysAtFiveSeconds() {
        Backoff b = Backoff.stepped(Backoff.RECONNECT_STEPS_MS, Backoff.RECONNECT_CAP_MS, 0.2, () -> 0.0);
        assertThat(first(b, 12)).containsExactly(10L, 50L, 100L, 150L, 200L, 250L, 500L, 1000L, 2000L, 5000L, 5000L, 5000L);
    }

    @Test
    void reconnectJitterAddsAtMostTwentyPercent() {
        Backoff b = Backoff.stepped(Backoff.RECONNECT_STEPS_MS, Backoff.RECONNECT_CAP_MS, 0.2, () -> 0.999);
        assertThat(b.delay(8)).isEqualTo(Duration.ofMillis(1199));
        Backoff real = Backoff.reconnect();
        for (int i = 0; i < 100; i++) {
            assertThat(real.delay(10).toMillis()).isBetween(5000L, 6000L);
        }
    }

    @Test
    void rejoinScheduleIsOneTwoFiveThenTenSeconds() {
        assertThat(first(Backoff.rejoin(), 6)).containsExactly(1000L, 2000L, 5000L, 10000L, 10000L, 10000L);
    }

    @Test
    void attemptZeroIsRejected() {
        assertThatThrownBy(() -> Backoff.rejoin().delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
