package dev.poolse.sdk;

import java.util.Map;

/**
 * The server answered with a non-2xx status. When the body is the Poolse error envelope its
 * {@code code}, {@code message}, {@code doc_url} and {@code details} are exposed; otherwise
 * {@link #code()} is {@value #UNKNOWN_ERROR}. {@link #getMessage()} reads
 * {@code HTTP 422 validation_failed: The request is invalid (body: can't be blank) [request id r-1]}:
 * the status, code and server message, for a 422 the first three validation details, and the
 * server's {@code x-request-id} when it sent one (quote it to support).
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
        super(describe(status, code, message, details, requestId));
        this.status = status;
        this.code = code;
        this.docUrl = docUrl;
        this.details = details == null ? Map.of() : details;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /** How many validation details {@link #getMessage()} lists before "and N more". */
    private static final int DETAILS_IN_MESSAGE = 3;

    /**
     * "HTTP 422 validation_failed: The request is invalid (body: can't be blank; limit: must be at
     * most 100) [request id req_1]": the status, code and server message, for 422 the first
     * validation details, and the request id when the server sent one.
     */
    private static String describe(int status, String code, String message, Map<String, Object> details,
            String requestId) {
        StringBuilder s = new StringBuilder("HTTP ").append(status).append(' ').append(code).append(": ")
                .append(message);
        if (status == 422 && details != null && !details.isEmpty()) {
            s.append(" (");
            int shown = 0;
            for (Map.Entry<String, Object> e : details.entrySet()) {
                if (shown == DETAILS_IN_MESSAGE) {
                    s.append("; and ").append(details.size() - shown).append(" more");
                    break;
                }
                if (shown > 0) {
                    s.append("; ");
                }
                s.append(e.getKey()).append(": ").append(detail(e.getValue()));
                shown++;
            }
            s.append(')');
        }
        if (requestId != null && !requestId.isBlank()) {
            s.append(" [request id ").append(requestId).append(']');
        }
        return s.toString();
    }

    private static String detail(Object value) {
        if (value instanceof java.util.Collection<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
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
