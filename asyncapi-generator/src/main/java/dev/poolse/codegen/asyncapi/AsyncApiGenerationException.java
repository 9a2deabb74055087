package dev.poolse.codegen.asyncapi;

/**
 * Thrown when the AsyncAPI document (or a document it references) cannot be turned into Java
 * sources: an unresolvable {@code $ref}, a schema construct the generator does not support, or an
 * inconsistent channel/operation layout. The message always names the offending place as
 * {@code file#/json/pointer}.
 */
public final class AsyncApiGenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the offending place in the spec.
     *
     * @param message what is wrong and where; must not be null
     */
    public AsyncApiGenerationException(String message) {
        super(message);
    }

    /**
     * Creates an exception caused by a lower-level failure, such as an unreadable file.
     *
     * @param message what is wrong and where; must not be null
     * @param cause the underlying failure
     */
    public AsyncApiGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
