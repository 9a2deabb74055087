package dev.poolse.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.poolse.sdk.internal.http.Calls;
import dev.poolse.sdk.internal.http.PoolseFuture;
import dev.poolse.sdk.internal.http.PreparedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Escape hatch for endpoints the typed resources do not cover, with the same token, retry,
 * timeout, error and idempotency behaviour. Obtain with {@link Poolse#rest()}. Thread-safe.
 *
 * <p>Idempotency: a non-GET request gets a fresh {@code Idempotency-Key} unless the request sets
 * one ({@link RestRequest#idempotencyKey(String)}; {@code null} sends none). {@link RequestOptions}
 * keys are honoured when the request does not choose.
 */
public final class RestResource {
    private final RestCore core;

    RestResource(RestCore core) {
        this.core = core;
    }

    /**
     * {@return the decoded body, {@code null} for 204}
     *
     * @param request the request
     * @param responseType the JSON shape of a 2xx body ({@code Void.class} to ignore it)
     * @param <T> result type
     */
    public <T> T request(RestRequest request, Class<T> responseType) {
        return Calls.blocking(() -> requestAsync(request, responseType, RequestOptions.defaults()));
    }

    /**
     * {@return the decoded body, {@code null} for 204}
     *
     * @param request the request
     * @param responseType the JSON shape of a 2xx body
     * @param options per-call options
     * @param <T> result type
     */
    public <T> T request(RestRequest request, Class<T> responseType, RequestOptions options) {
        return Calls.blocking(() -> requestAsync(request, responseType, options));
    }

    /**
     * {@return the decoded body, {@code null} for 204}
     *
     * @param request the request
     * @param responseType a generic JSON shape, e.g. {@code new TypeReference<List<Message>>() {}}
     * @param options per-call options
     * @param <T> result type
     */
    public <T> T request(RestRequest request, TypeReference<T> responseType, RequestOptions options) {
        Objects.requireNonNull(responseType, "responseType");
        return Calls.blocking(() -> send(request, core.mapper.constructType(responseType), options));
    }

    /**
     * {@return the future of {@link #request(RestRequest, Class)}}
     *
     * @param request the request
     * @param responseType the JSON shape of a 2xx body
     * @param <T> result type
     */
    public <T> CompletableFuture<T> requestAsync(RestRequest request, Class<T> responseType) {
        return requestAsync(request, responseType, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #request(RestRequest, Class, RequestOptions)}}
     *
     * @param request the request
     * @param responseType the JSON shape of a 2xx body
     * @param options per-call options
     * @param <T> result type
     */
    public <T> CompletableFuture<T> requestAsync(RestRequest request, Class<T> responseType, RequestOptions options) {
        Objects.requireNonNull(responseType, "responseType");
        return send(request, core.mapper.constructType(responseType), options);
    }

    private <T> PoolseFuture<T> send(RestRequest request, JavaType type, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        byte[] body = null;
        if (request.bodyOrNull() != null) {
            try {
                body = core.mapper.writeValueAsBytes(request.bodyOrNull());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body cannot be written as JSON", e);
            }
            headers.put("Content-Type", List.of("application/json"));
        }
        if (!"GET".equals(request.method())) {
            String key = request.idempotencyKeySet() ? request.idempotencyKeyOrNull() : core.keys.forCall(options);
            if (key != null) {
                headers.put("Idempotency-Key", List.of(key));
            }
        }
        StringBuilder url = new StringBuilder(core.apiUrl).append(request.path());
        char sep = '?';
        for (Map.Entry<String, String> q : request.queryParams()) {
            url.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = '&';
        }
        byte[] finalBody = body;
        PreparedRequest prepared = new PreparedRequest(request.method(), URI.create(url.toString()), headers,
                finalBody == null ? null : () -> HttpRequest.BodyPublishers.ofByteArray(finalBody), true, true, false);
        return core.pipeline.execute(prepared, options, core.decoder(type));
    }

    private static String encode(String s) {
        // URLEncoder does form encoding; a query wants %20 for a space.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
