package dev.poolse.sdk;

/**
 * Base of every exception the SDK throws for a failed call. Unchecked.
 *
 * <p>Cancellation and interruption are not wrapped: a cancelled call completes with
 * {@link java.util.concurrent.CancellationException}.
 */
public class PoolseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an SDK failure with its cause.
     *
     * @param message what failed
     * @param cause the underlying failure, may be {@code null}
     */
    public PoolseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an SDK failure.
     *
     * @param message what failed
     */
    public PoolseException(String message) {
        super(message);
    }
}
