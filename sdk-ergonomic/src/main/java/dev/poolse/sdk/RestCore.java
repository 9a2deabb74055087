package dev.poolse.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.ApiClient;
import dev.poolse.sdk.internal.http.FeignRequests;
import dev.poolse.sdk.internal.http.IdempotencyKeys;
import dev.poolse.sdk.internal.http.PoolseFuture;
import dev.poolse.sdk.internal.http.PreparedRequest;
import dev.poolse.sdk.internal.http.RequestPipeline;
import dev.poolse.sdk.internal.http.ResponseDecoder;
import java.util.Objects;
import java.util.function.BiConsumer;

/** What every resource needs: request description, idempotency keys and the pipeline. */
final class RestCore {
    final String apiUrl;
    final ObjectMapper mapper;
    final RequestPipeline pipeline;
    final IdempotencyKeys keys;
    final FeignRequests feign;

    RestCore(String apiUrl, ObjectMapper mapper, RequestPipeline pipeline, IdempotencyKeys keys) {
        this.apiUrl = apiUrl;
        this.mapper = mapper;
        this.pipeline = pipeline;
        this.keys = keys;
        this.feign = new FeignRequests(apiUrl, mapper);
    }

    /**
     * One typed call: the idempotency key is chosen here, once, so every retry sends the same one.
     */
    <A extends ApiClient.Api, T> PoolseFuture<T> call(RequestOptions options, Class<T> type, Class<A> api,
            BiConsumer<A, String> invocation) {
        Objects.requireNonNull(options, "options");
        PreparedRequest request;
        try {
            String key = keys.forCall(options);
            request = feign.capture(api, a -> invocation.accept(a, key));
        } catch (RuntimeException e) {
            PoolseFuture<T> failed = new PoolseFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
        return pipeline.execute(request, options, decoder(mapper.constructType(type)));
    }

    /**
     * One call with its own body decoder, and error statuses that are answers, not transient
     * failures: they are never retried.
     */
    <A extends ApiClient.Api, T> PoolseFuture<T> call(RequestOptions options, ResponseDecoder<T> decoder,
            java.util.function.IntPredicate finalStatus, Class<A> api, BiConsumer<A, String> invocation) {
        Objects.requireNonNull(options, "options");
        PreparedRequest request;
        try {
            String key = keys.forCall(options);
            request = feign.capture(api, a -> invocation.accept(a, key));
        } catch (RuntimeException e) {
            PoolseFuture<T> failed = new PoolseFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
        return pipeline.execute(request, options, decoder, finalStatus);
    }

    /**
     * One typed call whose path ends in a raw segment Feign would leave partly unencoded (it keeps
     * {@code /} in path parameters): the request is described with a placeholder, then the
     * placeholder is replaced by the segment, percent-encoded whole.
     */
    <A extends ApiClient.Api, T> PoolseFuture<T> callWithLastSegment(RequestOptions options, Class<T> type,
            Class<A> api, String placeholder, String segment, java.util.function.BiConsumer<A, String> invocation) {
        Objects.requireNonNull(options, "options");
        PreparedRequest request;
        try {
            String key = keys.forCall(options);
            PreparedRequest described = feign.capture(api, a -> invocation.accept(a, key));
            String uri = described.uri().toString();
            if (!uri.endsWith("/" + placeholder)) {
                throw new IllegalStateException("unexpected request URI " + uri);
            }
            String encoded = java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            request = new PreparedRequest(described.method(),
                    java.net.URI.create(uri.substring(0, uri.length() - placeholder.length()) + encoded),
                    described.headers(), described.body(), described.authenticated(), described.replayable(),
                    described.upload());
        } catch (RuntimeException e) {
            PoolseFuture<T> failed = new PoolseFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
        return pipeline.execute(request, options, decoder(mapper.constructType(type)));
    }

    <T> ResponseDecoder<T> decoder(JavaType type) {
        return (status, body) -> {
            if (body == null || body.length == 0 || type.getRawClass() == Void.class) {
                return null;
            }
            return mapper.readValue(body, type);
        };
    }
}
