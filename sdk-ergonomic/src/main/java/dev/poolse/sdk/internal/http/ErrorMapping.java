package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.model.ErrorBody;
import dev.poolse.client.model.ErrorEnvelope;
import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.AuthException;
import dev.poolse.sdk.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Turns a non-2xx response into the typed exception users catch. */
public final class ErrorMapping {
    private ErrorMapping() {}

    /**
     * @param status HTTP status
     * @param body response body, may be empty
     * @param retryAfterHeader the {@code Retry-After} header or {@code null}
     * @param requestId the {@code x-request-id} header or {@code null}
     * @param attempts attempts made
     * @param mapper JSON mapper
     * @param clock for HTTP-date {@code Retry-After}
     * @return the exception for this response
     */
    public static ApiException toException(int status, byte[] body, String retryAfterHeader, String requestId,
            int attempts, ObjectMapper mapper, Clock clock) {
        String code = ApiException.UNKNOWN_ERROR;
        String message = "HTTP " + status;
        String docUrl = null;
        Map<String, Object> details = Map.of();
        ErrorBody error = parse(body, mapper);
        if (error != null) {
            code = error.getCode();
            if (error.getMessage() != null) {
                message = error.getMessage();
            }
            docUrl = error.getDocUrl();
            if (error.getDetails() != null) {
                details = error.getDetails();
            }
        }
        if (status == 401) {
            return new AuthException(code, message, docUrl, details, requestId, attempts);
        }
        if (status == 429) {
            Duration retryAfter = RetryAfter.parse(retryAfterHeader, clock).orElse(Duration.ZERO);
            return new RateLimitedException(code, message, docUrl, details, requestId, attempts, retryAfter);
        }
        return new ApiException(status, code, message, docUrl, details, requestId, attempts);
    }

    private static ErrorBody parse(byte[] body, ObjectMapper mapper) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            ErrorEnvelope envelope = mapper.readValue(body, ErrorEnvelope.class);
            ErrorBody error = envelope == null ? null : envelope.getError();
            return error != null && error.getCode() != null && !error.getCode().isBlank() ? error : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
