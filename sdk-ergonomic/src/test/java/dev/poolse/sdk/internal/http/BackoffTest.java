package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void ceilingDoublesUntilTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), () -> 0.5);
        assertThat(b.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.ceiling(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.ceiling(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.ceiling(200)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterSpansZeroToCeiling() {
        assertThat(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), () -> 0.0).delay(3)).isZero();
        assertThat(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), () -> 0.999).delay(3))
                .isEqualTo(Duration.ofMillis(1998));
        assertThat(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), () -> 0.5).delay(20))
                .isEqualTo(Duration.ofSeconds(15));
    }
}
