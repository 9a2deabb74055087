package dev.poolse.sdk.realtime;

/**
 * A non-fatal realtime problem, reported through {@code Poolse.builder().onSocketError(...)}: a lost
 * connection, a heartbeat timeout, a refused upgrade or join, a channel error from the server, a
 * failed gap fill, a throwing listener, an event skipped because its payload does not fit its type
 * (a wrong-typed value, or a property the spec marks required missing). The realtime client keeps recovering on its own after every one of them; these reports
 * are for diagnostics and banners.
 */
public class RealtimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A new exception.
     *
     * @param message what went wrong
     * @param cause the underlying failure, may be {@code null}
     */
    public RealtimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
