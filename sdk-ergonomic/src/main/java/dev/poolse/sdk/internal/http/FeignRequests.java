package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.ApiClient;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.jackson.JacksonEncoder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Uses the generated Feign interfaces as request descriptions: calling a method on one of these
 * proxies builds the exact {@link Request} (method, path with encoded parameters, query, headers,
 * JSON body) and hands it to a capturing {@link Client} instead of the network. The SDK then sends
 * it through {@link RequestPipeline}, which Feign's synchronous execution model could not do
 * asynchronously with real cancellation. The generated types never leave this package's callers.
 */
public final class FeignRequests {
    // Set by the JDK from the body publisher; sending them explicitly is rejected.
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final ApiClient apiClient;
    private final Map<Class<?>, Object> proxies = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the API base URL, without {@code /v1}
     * @param mapper the JSON mapper for request bodies
     */
    public FeignRequests(String baseUrl, ObjectMapper mapper) {
        Feign.Builder builder = Feign.builder()
                .client(new CapturingClient())
                .encoder(new JacksonEncoder(mapper))
                .retryer(Retryer.NEVER_RETRY);
        this.apiClient = new ApiClient(baseUrl, builder);
    }

    /**
     * Describes one call of a generated interface.
     *
     * @param api the generated interface
     * @param invocation calls exactly one method of it
     * @param <A> interface type
     * @return the request, replayable
     */
    public <A extends ApiClient.Api> PreparedRequest capture(Class<A> api, Consumer<A> invocation) {
        A proxy = api.cast(proxies.computeIfAbsent(api, k -> apiClient.buildClient(api)));
        try {
            invocation.accept(proxy);
        } catch (Captured c) {
            return toPrepared(c.request);
        }
        throw new IllegalStateException("the invocation did not call " + api.getSimpleName());
    }

    private static PreparedRequest toPrepared(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Collection<String>> h : request.headers().entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT)) && !h.getValue().isEmpty()) {
                headers.put(h.getKey(), new ArrayList<>(h.getValue()));
            }
        }
        byte[] body = request.body();
        String method = request.httpMethod().name();
        return new PreparedRequest(method, URI.create(request.url()), headers,
                body == null ? null : () -> HttpRequest.BodyPublishers.ofByteArray(body), true, true, false);
    }

    /** Carries the built request out of Feign's invocation. No stack trace: it is not an error. */
    private static final class Captured extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Request request;

        Captured(Request request) {
            super(null, null, false, false);
            this.request = request;
        }
    }

    private static final class CapturingClient implements Client {
        @Override
        public Response execute(Request request, Request.Options options) {
            throw new Captured(Objects.requireNonNull(request));
        }
    }
}
