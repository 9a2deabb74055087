package dev.poolse.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-call options, accepted as an optional trailing argument by every REST method. Immutable;
 * each {@code with...} returns a copy.
 *
 * <pre>{@code
 * chat.conversations().list(RequestOptions.defaults().withTimeout(Duration.ofSeconds(5)).withMaxRetries(1));
 * chat.rest().request(req, Json.class, RequestOptions.defaults().withIdempotencyKey("order-42"));
 * }</pre>
 */
public final class RequestOptions {
    private static final RequestOptions DEFAULTS = new RequestOptions(null, null, null, false);

    private final Duration timeout;
    private final Integer maxRetries;
    private final String idempotencyKey;
    private final boolean omitIdempotencyKey;

    private RequestOptions(Duration timeout, Integer maxRetries, String idempotencyKey, boolean omit) {
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.idempotencyKey = idempotencyKey;
        this.omitIdempotencyKey = omit;
    }

    /** {@return options that change nothing: the client's settings apply} */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy with this timeout}
     *
     * @param timeout the budget of the whole call, every attempt and backoff wait included; positive
     */
    public RequestOptions withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got: " + timeout);
        }
        return new RequestOptions(timeout, maxRetries, idempotencyKey, omitIdempotencyKey);
    }

    /**
     * {@return a copy with this retry limit}
     *
     * @param maxRetries retries after the first attempt for this call; 0 disables retries
     */
    public RequestOptions withMaxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got: " + maxRetries);
        }
        return new RequestOptions(timeout, maxRetries, idempotencyKey, omitIdempotencyKey);
    }

    /**
     * Sends this {@code Idempotency-Key} instead of a generated one (non-GET requests only).
     *
     * @param key a non-blank key
     * @return a copy with this key
     */
    public RequestOptions withIdempotencyKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("idempotency key must not be blank");
        }
        return new RequestOptions(timeout, maxRetries, key, false);
    }

    /**
     * Sends no {@code Idempotency-Key}. Without a key a non-idempotent request (POST, PATCH) is only
     * retried on 429, because the server may already have applied it.
     *
     * @return a copy that omits the header
     */
    public RequestOptions withoutIdempotencyKey() {
        return new RequestOptions(timeout, maxRetries, null, true);
    }

    /** {@return the call timeout, if set} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** {@return the retry limit, if set} */
    public OptionalInt maxRetries() {
        return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
    }

    /** {@return the explicit idempotency key, if set} */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** {@return whether the {@code Idempotency-Key} header is omitted} */
    public boolean omitIdempotencyKey() {
        return omitIdempotencyKey;
    }

    @Override
    public String toString() {
        return "RequestOptions{timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", idempotencyKey=" + (idempotencyKey != null ? "set" : omitIdempotencyKey ? "omitted" : "generated")
                + "}";
    }
}
