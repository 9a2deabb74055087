package dev.poolse.sdk;

/**
 * A response body exceeded the client's limit ({@code Poolse.Builder.maxResponseBytes}); reading
 * stopped there instead of buffering it whole. Not retried.
 */
public class ResponseTooLargeException extends PoolseException {
    private static final long serialVersionUID = 1L;
    /** The limit that was exceeded, in bytes. */
    private final long limit;

    /**
     * Reports a response body larger than the client accepts.
     *
     * @param limit the limit that was exceeded, in bytes
     */
    public ResponseTooLargeException(long limit) {
        super("response body larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** {@return the limit that was exceeded, in bytes} */
    public long limit() {
        return limit;
    }
}
