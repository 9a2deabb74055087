package dev.poolse.sdk.realtime;

/**
 * The server answered the WebSocket upgrade with an HTTP error instead of switching protocols.
 * Poolse refuses a missing, malformed or expired token with 403 (some deployments use 401); the
 * client then drops its cached token and reconnects with a fresh one, with backoff.
 */
public final class UpgradeRefusedException extends RealtimeException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status of the refusal. */
    private final int statusCode;

    /**
     * A new exception.
     *
     * @param statusCode the HTTP status of the refusal
     */
    public UpgradeRefusedException(int statusCode) {
        super("WebSocket upgrade refused with HTTP " + statusCode, null);
        this.statusCode = statusCode;
    }

    /**
     * The HTTP status of the refusal.
     *
     * @return e.g. 403
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Whether the refusal is about the credentials (401 or 403).
     *
     * @return {@code true} for 401 and 403
     */
    public boolean isAuthFailure() {
        return statusCode == 401 || statusCode == 403;
    }
}
