package dev.poolse.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A raw request for {@link RestResource}, for endpoints the typed resources do not cover yet.
 * Immutable; each method returns a copy.
 *
 * <pre>{@code
 * MyShape r = chat.rest().request(
 *     RestRequest.post("/v1/something").body(Map.of("foo", "bar")).query("limit", 10).idempotencyKey("my-key"),
 *     MyShape.class);
 * }</pre>
 */
public final class RestRequest {
    private final String method;
    private final String path;
    private final Object body;
    private final List<Map.Entry<String, String>> query;
    private final String idempotencyKey;
    private final boolean keySet;

    private RestRequest(String method, String path, Object body, List<Map.Entry<String, String>> query,
            String idempotencyKey, boolean keySet) {
        this.method = method;
        this.path = path;
        this.body = body;
        this.query = query;
        this.idempotencyKey = idempotencyKey;
        this.keySet = keySet;
    }

    private static RestRequest of(String method, String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got: " + path);
        }
        if (path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("put query parameters in query(), not in the path: " + path);
        }
        return new RestRequest(method, path, null, List.of(), null, false);
    }

    /**
     * {@return a GET}
     *
     * @param path absolute path, e.g. {@code /v1/me}, already percent-encoded
     */
    public static RestRequest get(String path) {
        return of("GET", path);
    }

    /**
     * {@return a POST}
     *
     * @param path absolute path, already percent-encoded
     */
    public static RestRequest post(String path) {
        return of("POST", path);
    }

    /**
     * {@return a PATCH}
     *
     * @param path absolute path, already percent-encoded
     */
    public static RestRequest patch(String path) {
        return of("PATCH", path);
    }

    /**
     * {@return a PUT}
     *
     * @param path absolute path, already percent-encoded
     */
    public static RestRequest put(String path) {
        return of("PUT", path);
    }

    /**
     * {@return a DELETE}
     *
     * @param path absolute path, already percent-encoded
     */
    public static RestRequest delete(String path) {
        return of("DELETE", path);
    }

    /**
     * {@return a copy with this body}
     *
     * @param body serialized as JSON with the SDK's mapper
     */
    public RestRequest body(Object body) {
        Objects.requireNonNull(body, "body");
        return new RestRequest(method, path, body, query, idempotencyKey, keySet);
    }

    /**
     * Adds a query parameter (encoded by the SDK); repeat the name for a list. A {@code null}
     * value leaves the parameter out, as the TypeScript client does with {@code null} and
     * {@code undefined}, so optional parameters need no {@code if}.
     *
     * @param name parameter name; not {@code null}
     * @param value its value, turned into a string with {@code String.valueOf}; {@code null} to
     *     leave the parameter out
     * @return a copy with the parameter, or this request unchanged when {@code value} is {@code null}
     */
    public RestRequest query(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry(name, String.valueOf(value)));
        return new RestRequest(method, path, body, List.copyOf(q), idempotencyKey, keySet);
    }

    /**
     * {@return a copy with this choice}
     *
     * @param key the {@code Idempotency-Key} to send, or {@code null} to send none; by default a
     *     non-GET request gets a fresh key
     */
    public RestRequest idempotencyKey(String key) {
        if (key != null && key.isBlank()) {
            throw new IllegalArgumentException("idempotency key must not be blank");
        }
        return new RestRequest(method, path, body, query, key, true);
    }

    /** {@return the HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the path} */
    public String path() {
        return path;
    }

    Object bodyOrNull() {
        return body;
    }

    List<Map.Entry<String, String>> queryParams() {
        return query;
    }

    boolean idempotencyKeySet() {
        return keySet;
    }

    String idempotencyKeyOrNull() {
        return idempotencyKey;
    }
}
