package dev.poolse.examples.backend;

/**
 * The body of every error answer of this backend, shaped like Poolse's own error envelope:
 * {@code {"error": {"code": "unauthorized", "message": "..."}}}.
 *
 * @param error the code and the message
 */
public record ErrorResponse(ErrorBody error) {

    /**
     * One error.
     *
     * @param code a stable snake_case code for programs
     * @param message an explanation for people
     */
    public record ErrorBody(String code, String message) {
    }

    /**
     * An error answer.
     *
     * @param code a stable snake_case code
     * @param message an explanation
     * @return the body
     */
    public static ErrorResponse of(String code, String message) {
        return new ErrorResponse(new ErrorBody(code, message));
    }
}
