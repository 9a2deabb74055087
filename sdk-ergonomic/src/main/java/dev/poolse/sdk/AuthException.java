package dev.poolse.sdk;

import java.util.Map;

/** 401: the token was refused even after one refresh. Re-authenticate the user. */
public class AuthException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a 401 that persisted after one token refresh.
     *
     * @param code error code
     * @param message message
     * @param docUrl documentation link or {@code null}
     * @param details details, may be {@code null}
     * @param requestId request id or {@code null}
     * @param attempts attempts made
     */
    public AuthException(String code, String message, String docUrl, Map<String, Object> details, String requestId,
            int attempts) {
        super(401, code, message, docUrl, details, requestId, attempts);
    }
}
