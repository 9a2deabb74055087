package dev.poolse.sdk.realtime.phoenix;

/** Thrown by {@link FrameCodec#decode(String)} for text that is not a valid 2.0.0 frame. */
public final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A new exception.
     *
     * @param message what is wrong with the frame
     * @param cause the parser failure, may be {@code null}
     */
    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
