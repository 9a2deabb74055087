package dev.poolse.devserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** A clock a test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final TokenService tokens = new TokenService(SECRET, clock);
  private final UUID user = UUID.randomUUID();
  private final UUID tenant = UUID.randomUUID();

  @Test
  void verifiesItsOwnTokenWithAllClaims() throws Exception {
    TokenService.Minted minted = tokens.mint(user, tenant, "alice", Duration.ofHours(1));
    TokenService.Claims claims = tokens.verify(minted.token());
    assertThat(claims.userId()).isEqualTo(user);
    assertThat(claims.tenantId()).isEqualTo(tenant);
    assertThat(claims.externalId()).isEqualTo("alice");
    assertThat(claims.expiresAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  void rejectsATokenOnceItsExpiryIsReached() {
    String token = tokens.mint(user, tenant, "alice", Duration.ofMinutes(5)).token();
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    assertThatThrownBy(() -> tokens.verify(token)).hasMessageContaining("expired");
  }

  @Test
  void rejectsATokenSignedWithAnotherSecret() {
    TokenService other = new TokenService("another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), clock);
    String token = other.mint(user, tenant, "alice", Duration.ofHours(1)).token();
    assertThatThrownBy(() -> tokens.verify(token)).hasMessageContaining("signature");
  }

  @Test
  void expireAllRevokesEarlierTokensOnly() throws Exception {
    String before = tokens.mint(user, tenant, "alice", Duration.ofHours(1)).token();
    tokens.expireAll();
    String after = tokens.mint(user, tenant, "alice", Duration.ofHours(1)).token();
    assertThatThrownBy(() -> tokens.verify(before)).isInstanceOf(TokenService.InvalidTokenException.class);
    assertThat(tokens.verify(after).userId()).isEqualTo(user);
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> tokens.verify("a.b.c")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> tokens.verify(null)).hasMessageContaining("required");
  }

  @Test
  void refusesANonPositiveTtl() {
    assertThatThrownBy(() -> tokens.mint(user, tenant, "alice", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
