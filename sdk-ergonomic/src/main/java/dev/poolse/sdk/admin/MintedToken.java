package dev.poolse.sdk.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An end-user JWT minted by {@code POST /v1/users/{user_id}/tokens}, with its expiry. Hand
 * {@link #token()} to the web or mobile app (it passes it to {@code Poolse.builder().tokenProvider});
 * {@link #expiresAt()} is the JWT's {@code exp} claim, which the SDK has checked against the
 * response's {@code expires_at}.
 *
 * <p>{@link #toString()} does not show the token, so the record is safe to log.
 *
 * @param userId the Poolse user the token is for
 * @param token the JWT
 * @param expiresAt when the server stops accepting it
 */
public record MintedToken(UUID userId, String token, Instant expiresAt) {
    /**
     * Checks that every part is present.
     *
     * @param userId the Poolse user, not {@code null}
     * @param token the JWT, not blank
     * @param expiresAt the expiry, not {@code null}
     */
    public MintedToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /**
     * How long the token stays valid after {@code now}.
     *
     * @param now the current instant
     * @return the time left, {@link Duration#ZERO} once expired
     */
    public Duration remaining(Instant now) {
        Objects.requireNonNull(now, "now");
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@return the user id and expiry, with the token left out so that logging this is safe} */
    @Override
    public String toString() {
        return "MintedToken[userId=" + userId + ", token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
