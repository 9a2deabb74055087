package dev.poolse.sdk.internal.http;

import java.util.Objects;
import java.util.Set;

/**
 * Which failures are retried and how many times. Transient: network failures, 5xx and 429. A
 * request that is not idempotent by method and carries no {@code Idempotency-Key} is retried only
 * on 429 (the server refused it before doing anything), because a retry after a lost response
 * could apply it twice.
 */
public final class RetryPolicy {
    /**
     * The longest {@code Retry-After} waited for when {@code maxBackoff} is shorter: a server asking
     * for more gets the failure reported at once (with {@code retryAfter()} on a 429), so that no
     * call waits on the server's word without bound.
     */
    public static final java.time.Duration MAX_RETRY_AFTER = java.time.Duration.ofSeconds(60);

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final int maxRetries;
    private final Backoff backoff;
    private final RetryBudget budget;

    /**
     * @param maxRetries retries after the first attempt
     * @param backoff delay between attempts
     * @param budget client-wide retry budget
     */
    public RetryPolicy(int maxRetries, Backoff backoff, RetryBudget budget) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** @return the default retries after the first attempt */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return the backoff schedule */
    public Backoff backoff() {
        return backoff;
    }

    /** @return the shared retry budget */
    public RetryBudget budget() {
        return budget;
    }

    /**
     * @param status an HTTP status
     * @return whether the status is transient
     */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * @param method HTTP method
     * @param hasIdempotencyKey whether an {@code Idempotency-Key} is sent
     * @param status the status, or -1 for a network failure
     * @return whether this failure may be retried for this request
     */
    public static boolean mayRetry(String method, boolean hasIdempotencyKey, int status) {
        if (status >= 0 && !isRetryableStatus(status)) {
            return false;
        }
        if (hasIdempotencyKey || IDEMPOTENT_METHODS.contains(method)) {
            return true;
        }
        return status == 429;
    }
}
