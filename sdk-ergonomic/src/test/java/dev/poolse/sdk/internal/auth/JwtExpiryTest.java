package dev.poolse.sdk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {
    @Test
    void readsExpWithoutVerifying() {
        Instant exp = Instant.parse("2030-05-01T10:00:00Z");
        assertThat(JwtExpiry.of(TokenCacheTest.jwt(exp))).contains(exp);
    }

    @Test
    void opaqueAndMalformedTokensHaveNoExpiry() {
        assertThat(JwtExpiry.of("pk_opaque")).isEmpty();
        assertThat(JwtExpiry.of("a.!!!.c")).isEmpty();
        assertThat(JwtExpiry.of("a.e30.c")).isEmpty();
    }
}
