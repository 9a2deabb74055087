package dev.poolse.sdk.internal.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One logical HTTP call, ready to be sent any number of times with identical bytes.
 *
 * @param method HTTP method
 * @param uri absolute URL
 * @param headers headers to send as given (the pipeline adds Authorization and User-Agent)
 * @param body makes a fresh publisher of the same bytes per attempt; {@code null} for no body
 * @param authenticated whether to send the cached token and refresh it once on 401
 * @param replayable whether the body can be sent again (false for single-use streams)
 * @param upload whether failures become {@code UploadException} (presigned storage PUT)
 */
public record PreparedRequest(String method, URI uri, Map<String, List<String>> headers,
        Supplier<HttpRequest.BodyPublisher> body, boolean authenticated, boolean replayable, boolean upload) {

    /**
     * Validates and copies.
     *
     * @param method HTTP method
     * @param uri absolute URL
     * @param headers headers to send
     * @param body body factory or {@code null}
     * @param authenticated whether to send the token
     * @param replayable whether the body can be sent again
     * @param upload whether failures become {@code UploadException}
     */
    public PreparedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** @return whether an {@code Idempotency-Key} header is present */
    public boolean hasIdempotencyKey() {
        return headers.keySet().stream().anyMatch("Idempotency-Key"::equalsIgnoreCase);
    }
}
