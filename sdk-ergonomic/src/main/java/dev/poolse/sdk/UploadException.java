package dev.poolse.sdk;

/**
 * The presigned PUT of an attachment upload failed (after its retries). {@link #status()} is the
 * storage service's HTTP status, or {@code 0} when no response was received. The message names
 * the attachment and what failed, e.g. "upload PUT for attachment a-1 failed: HTTP 403" or
 * "... failed: connection refused: storage.example:443"; the URL, whose query holds the
 * presigned signature, is never part of it.
 */
public class UploadException extends PoolseException {
    private static final long serialVersionUID = 1L;
    /** HTTP status, 0 without a response. */
    private final int status;

    /**
     * Reports a failed attachment upload.
     *
     * @param status HTTP status, 0 when there was no response
     * @param message what failed
     * @param cause underlying failure, may be {@code null}
     */
    public UploadException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** {@return the HTTP status of the failed PUT, or 0 for a network failure} */
    public int status() {
        return status;
    }
}
