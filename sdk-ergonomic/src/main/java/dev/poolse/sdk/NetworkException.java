package dev.poolse.sdk;

/**
 * The request never produced an HTTP response (connection refused, reset, TLS failure...). The
 * message names the method, the URL (without its query) and the failure in words, e.g.
 * {@code GET http://127.0.0.1:1/v1/me failed: connection refused: 127.0.0.1:1}; the I/O exception
 * is the cause.
 */
public class NetworkException extends PoolseException {
    private static final long serialVersionUID = 1L;
    /** HTTP attempts made. */
    private final int attempts;

    /**
     * Reports a call that got no HTTP response.
     *
     * @param message what failed
     * @param cause the I/O failure
     * @param attempts how many attempts were made
     */
    public NetworkException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** {@return how many HTTP attempts were made before giving up} */
    public int attempts() {
        return attempts;
    }
}
