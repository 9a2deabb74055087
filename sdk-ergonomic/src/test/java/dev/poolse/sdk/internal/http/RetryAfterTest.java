package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void parsesDeltaSeconds() {
        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
    }

    @Test
    void parsesHttpDate() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 12:00:42 GMT", clock)).contains(Duration.ofSeconds(42));
    }

    @Test
    void pastDateMeansNoWait() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 11:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void garbageIsIgnored() {
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("-3", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
