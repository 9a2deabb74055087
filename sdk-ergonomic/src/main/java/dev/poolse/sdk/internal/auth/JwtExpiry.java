package dev.poolse.sdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT without verifying it. The SDK only needs to know when to
 * ask for a fresh token; the server does the verifying.
 */
public final class JwtExpiry {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JwtExpiry() {}

    /**
     * The expiry of {@code token} when it is a JWT with a numeric {@code exp} claim.
     *
     * @param token any string; opaque tokens simply yield empty
     * @return the expiry instant, or empty for opaque or malformed tokens
     */
    public static Optional<Instant> of(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode exp = MAPPER.readTree(new String(json, StandardCharsets.UTF_8)).get("exp");
            if (exp == null || !exp.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(exp.asLong()));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The user id in the {@code sub} claim of {@code token}, when it is a JWT whose subject is a UUID
     * (a Poolse end-user token). Unverified, like {@link #of(String)}.
     *
     * @param token any string
     * @return the subject, or empty for opaque or malformed tokens
     */
    public static Optional<java.util.UUID> subject(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode sub = MAPPER.readTree(new String(json, StandardCharsets.UTF_8)).get("sub");
            return sub == null || !sub.isTextual() ? Optional.empty() : Optional.of(java.util.UUID.fromString(sub.asText()));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }
}
