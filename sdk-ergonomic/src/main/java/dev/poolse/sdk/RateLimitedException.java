package dev.poolse.sdk;

import java.time.Duration;
import java.util.Map;

/** 429 after the retries allowed for the call were used up. */
public class RateLimitedException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    /**
     * Reports a 429 answer with its retry delay.
     *
     * @param code error code
     * @param message message
     * @param docUrl documentation link or {@code null}
     * @param details details, may be {@code null}
     * @param requestId request id or {@code null}
     * @param attempts attempts made
     * @param retryAfter parsed {@code Retry-After}, {@link Duration#ZERO} when absent
     */
    public RateLimitedException(String code, String message, String docUrl, Map<String, Object> details,
            String requestId, int attempts, Duration retryAfter) {
        super(429, code, message, docUrl, details, requestId, attempts);
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** {@return how long the server asked to wait ({@code Retry-After}); zero when it did not say} */
    public Duration retryAfter() {
        return retryAfter;
    }
}
