package dev.poolse.sdk.internal.http;

import java.io.IOException;

/**
 * Reads a 2xx response body into the call's result.
 *
 * @param <T> result type
 */
@FunctionalInterface
public interface ResponseDecoder<T> {
    /**
     * @param status the 2xx status
     * @param body the body, empty for 204
     * @return the result, {@code null} for no content
     * @throws IOException when the body is not what was expected
     */
    T decode(int status, byte[] body) throws IOException;
}
