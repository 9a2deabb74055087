package dev.poolse.spectools;

import java.util.Objects;

/**
 * One reason the specs fail the check, printed as one line.
 *
 * @param check    which check found it
 * @param file     the document it is in, as given on the command line
 * @param line     the 1-based line in {@code file}, or 0 when the check cannot tell
 * @param location where in the document: a JSON path, an operation such as {@code GET /v1/me}, or
 *                 empty when the problem concerns the whole file
 * @param message  what is wrong, in the words of the check
 */
public record Problem(Check check, String file, int line, String location, String message) {

    /** The check that reported a {@link Problem}. */
    public enum Check {
        /** A document could not be read or parsed as YAML at all. */
        INPUT("input"),
        /** The OpenAPI document against the OpenAPI 3.0 JSON Schema. */
        OPENAPI_SCHEMA("openapi-schema"),
        /** The AsyncAPI document against the AsyncAPI 3.0 JSON Schema. */
        ASYNCAPI_SCHEMA("asyncapi-schema"),
        /** swagger-parser's own semantic validation of the OpenAPI document. */
        OPENAPI_PARSER("openapi-parser"),
        /** The openapi-diff comparison with the released baseline. */
        COMPATIBILITY("breaking-change");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        /**
         * Returns the short label printed in brackets in each problem line.
         *
         * @return the label, e.g. {@code openapi-schema}
         */
        public String label() {
            return label;
        }
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component other than {@code location} is null
     * @throws IllegalArgumentException if {@code line} is negative
     */
    public Problem {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        location = location == null ? "" : location;
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /**
     * Formats the problem as one line, {@code file:line: [check] location: message}, the shape
     * compilers use so that IDEs and CI logs link it to the source.
     *
     * @return the line, without a line terminator
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": [").append(check.label()).append("] ");
        if (!location.isEmpty()) {
            sb.append(location).append(": ");
        }
        return sb.append(message.replace('\n', ' ').strip()).toString();
    }
}
