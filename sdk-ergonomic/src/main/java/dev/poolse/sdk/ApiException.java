package dev.poolse.sdk;

import java.util.Map;

/**
 * The server answered with a non-2xx status. When the body is the Poolse error envelope its
 * {@code code}, {@code message}, {@code doc_url} and {@code details} are exposed; otherwise
 * {@link #code()} is {@value #UNKNOWN_ERROR}.
 *
 * <pre>{@code
 * try {
 *     chat.messages().one(id).update(new MessageUpdateRequest().body("edit"));
 * } catch (AuthException e) {          // 401 even after one token refresh
 * } catch (RateLimitedException e) {   // 429, e.retryAfter()
 * } catch (ApiException e) {           // e.status(), e.code(), e.docUrl(), e.details()
 * } catch (NetworkException e) {       // no response at all
 * }
 * }</pre>
 */
public class ApiException extends PoolseException {
    /** Code used when the response body is not an error envelope. */
    public static final String UNKNOWN_ERROR = "unknown_error";
    private static final long serialVersionUID = 1L;

    /** HTTP status. */
    private final int status;
    /** Stable error code. */
    private final String code;
    /** Documentation link. */
    private final String docUrl;
    /** Envelope details. */
    private final transient Map<String, Object> details;
    /** Server request id. */
    private final String requestId;
    /** HTTP attempts made. */
    private final int attempts;

    /**
     * Reports a non-2xx answer with the fields of its error envelope.
     *
     * @param status HTTP status
     * @param code stable error code, {@value #UNKNOWN_ERROR} when absent
     * @param message human-readable message
     * @param docUrl documentation link, may be {@code null}
     * @param details per-field details, never {@code null}
     * @param requestId the {@code x-request-id} response header, may be {@code null}
     * @param attempts HTTP attempts made
     */
    public ApiException(int status, String code, String message, String docUrl, Map<String, Object> details,
            String requestId, int attempts) {
        super("HTTP " + status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
        this.docUrl = docUrl;
        this.details = details == null ? Map.of() : details;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the stable error code, e.g. {@code validation_failed}, or {@value #UNKNOWN_ERROR}} */
    public String code() {
        return code;
    }

    /** {@return the documentation URL of this error, or {@code null}} */
    public String docUrl() {
        return docUrl;
    }

    /** {@return the envelope's {@code details} (e.g. per-field validation errors); empty when absent} */
    public Map<String, Object> details() {
        return details;
    }

    /** {@return the server's request id ({@code x-request-id}), or {@code null}} */
    public String requestId() {
        return requestId;
    }

    /** {@return how many HTTP attempts the call made} */
    public int attempts() {
        return attempts;
    }
}
