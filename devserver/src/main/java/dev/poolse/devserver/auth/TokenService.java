package dev.poolse.devserver.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints and verifies the HS256 end-user JWTs. Thread-safe.
 *
 * <p>Each token carries a {@code gen} claim; {@link #expireAll()} bumps the generation so that
 * every token minted before is rejected from then on, which is how tests simulate expiry
 * without waiting an hour.
 */
public final class TokenService {

  /**
   * The facts a valid token proves.
   *
   * @param userId the {@code sub} claim
   * @param tenantId the {@code tenant_id} claim
   * @param externalId the {@code external_id} claim
   * @param expiresAt the {@code exp} claim
   */
  public record Claims(UUID userId, UUID tenantId, String externalId, Instant expiresAt) {}

  /** Why a token was refused; the message is safe to show to the caller. */
  public static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token for the given reason.
     *
     * @param message the reason
     */
    public InvalidTokenException(String message) {
      super(message);
    }
  }

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();

  /**
   * Signs and verifies end-user tokens with one HS256 secret.
   *
   * @param secret the HS256 secret, at least 32 bytes
   * @param clock the clock for {@code iat}, {@code exp} and the expiry check
   */
  public TokenService(byte[] secret, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
    }
  }

  /**
   * Mints a token.
   *
   * @param userId the user
   * @param tenantId the user's tenant
   * @param externalId the user's external id
   * @param ttl the lifetime
   * @return the compact JWT and its expiry
   */
  public Minted mint(UUID userId, UUID tenantId, String externalId, Duration ttl) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    Instant now = clock.instant();
    // JWT times have second precision; round the expiry down so exp never exceeds the stated TTL.
    Instant exp = Instant.ofEpochSecond(now.plus(ttl).getEpochSecond());
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(userId.toString())
        .claim("tenant_id", tenantId.toString())
        .claim("external_id", externalId)
        .claim("gen", generation.get())
        .issueTime(Date.from(Instant.ofEpochSecond(now.getEpochSecond())))
        .expirationTime(Date.from(exp))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return new Minted(jwt.serialize(), exp);
  }

  /**
   * A minted token.
   *
   * @param token the compact JWT
   * @param expiresAt its expiry
   */
  public record Minted(String token, Instant expiresAt) {}

  /**
   * Verifies signature, expiry and generation.
   *
   * @param token a compact JWT
   * @return its claims
   * @throws InvalidTokenException when the token is malformed, forged, expired or revoked
   */
  public Claims verify(String token) throws InvalidTokenException {
    if (token == null || token.isEmpty()) {
      throw new InvalidTokenException("A user token is required");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw new InvalidTokenException("The user token signature is invalid");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Date exp = c.getExpirationTime();
      if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
        throw new InvalidTokenException("The user token has expired");
      }
      Long gen = c.getLongClaim("gen");
      if (gen == null || gen != generation.get()) {
        throw new InvalidTokenException("The user token has expired");
      }
      return new Claims(UUID.fromString(c.getSubject()),
          UUID.fromString(c.getStringClaim("tenant_id")), c.getStringClaim("external_id"),
          exp.toInstant());
    } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidTokenException("The user token is malformed");
    }
  }

  /** Revokes every token minted so far. */
  public void expireAll() {
    generation.incrementAndGet();
  }
}
