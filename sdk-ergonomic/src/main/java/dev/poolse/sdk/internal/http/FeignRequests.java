package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.ApiClient;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.jackson.JacksonEncoder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Uses the generated Feign interfaces as request descriptions: calling a method on one of these
 * proxies builds the exact request (method, path with encoded parameters, query, headers, JSON
 * body) instead of sending it. The SDK then sends it through {@link RequestPipeline}, which Feign's
 * synchronous execution model could not do asynchronously with real cancellation. The generated
 * types never leave this package's callers.
 *
 * <p>Methods whose annotations {@link RequestLineTemplate} understands (every method the SDK calls)
 * are expanded by it, parsed once per method; any other method goes through Feign itself, whose
 * {@link Request} is handed to a capturing {@link Client} instead of the network.
 */
public final class FeignRequests {
    // Set by the JDK from the body publisher; sending them explicitly is rejected.
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final ApiClient apiClient;
    private final String baseUrl;
    private final ObjectMapper mapper;
    private final Map<Class<?>, Object> feignProxies = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> proxies = new ConcurrentHashMap<>();
    private final Map<Method, Optional<RequestLineTemplate>> templates = new ConcurrentHashMap<>();

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
        this.baseUrl = baseUrl;
        this.mapper = mapper;
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
        return run(api, api.cast(proxies.computeIfAbsent(api, this::proxy)), invocation);
    }

    /** The same as {@link #capture} through Feign alone: the reference the fast path is tested against. */
    <A extends ApiClient.Api> PreparedRequest captureWithFeign(Class<A> api, Consumer<A> invocation) {
        return run(api, feignProxy(api), invocation);
    }

    private static <A> PreparedRequest run(Class<A> api, A proxy, Consumer<A> invocation) {
        try {
            invocation.accept(proxy);
        } catch (Captured c) {
            return c.request;
        }
        throw new IllegalStateException("the invocation did not call " + api.getSimpleName());
    }

    private <A extends ApiClient.Api> A feignProxy(Class<A> api) {
        return api.cast(feignProxies.computeIfAbsent(api, k -> apiClient.buildClient(api)));
    }

    @SuppressWarnings("unchecked")
    private Object proxy(Class<?> api) {
        Object feign = feignProxy((Class<? extends ApiClient.Api>) api);
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(feign, args);
            }
            Optional<RequestLineTemplate> template =
                    templates.computeIfAbsent(method, m -> RequestLineTemplate.parse(m, mapper));
            if (template.isPresent()) {
                throw new Captured(template.get().expand(baseUrl, args == null ? new Object[0] : args));
            }
            try {
                return method.invoke(feign, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
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
        private final transient PreparedRequest request;

        Captured(PreparedRequest request) {
            super(null, null, false, false);
            this.request = request;
        }
    }

    private static final class CapturingClient implements Client {
        @Override
        public Response execute(Request request, Request.Options options) {
            throw new Captured(toPrepared(Objects.requireNonNull(request)));
        }
    }
}
