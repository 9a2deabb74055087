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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Uses the generated Feign interfaces as request descriptions: calling a method on one of these
 * proxies builds the exact {@link Request} (method, path with encoded parameters, query, headers,
 * JSON body) and hands it to a capturing {@link Client} instead of the network. The SDK then sends
 * it through {@link RequestPipeline}, which Feign's synchronous execution model could not do
 * asynchronously with real cancellation. The generated types never leave this package's callers.
 *
 * <p>Feign expands its templates anew on every call, which cost about 11 µs per request. So the
 * proxy handed to the caller only records the method and arguments; each method's annotations are
 * read once into a {@link Route}, which builds the same request directly when every value in it
 * needs no escaping (ids, numbers, plain strings) and leaves every other call to Feign. A test
 * checks that both give the same request for every method of the generated interfaces.
 */
public final class FeignRequests {
    // Set by the JDK from the body publisher; sending them explicitly is rejected.
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    /** The call recorded by a {@link #capture} on this thread. */
    private static final ThreadLocal<Recorded> RECORDING = new ThreadLocal<>();

    private final ApiClient apiClient;
    private final String baseUrl;
    private final ObjectMapper mapper;
    private final Map<Class<?>, Object> proxies = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> recorders = new ConcurrentHashMap<>();
    private final Map<Method, Route> routes = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the API base URL, without {@code /v1}
     * @param mapper the JSON mapper for request bodies
     */
    public FeignRequests(String baseUrl, ObjectMapper mapper) {
        // Route builds most requests without Feign: an interceptor, encoder or contract set here
        // must be mirrored there, or Route must leave the calls it affects to Feign.
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
        A recorder = api.cast(recorders.computeIfAbsent(api, FeignRequests::recorder));
        Recorded call = new Recorded();
        Recorded outer = RECORDING.get();
        RECORDING.set(call);
        try {
            invocation.accept(recorder);
        } finally {
            if (outer == null) {
                RECORDING.remove();
            } else {
                RECORDING.set(outer);
            }
        }
        if (call.method == null) {
            throw new IllegalStateException("the invocation did not call " + api.getSimpleName());
        }
        PreparedRequest fast = routes.computeIfAbsent(call.method, m -> Route.compile(m, baseUrl, mapper))
                .build(call.args);
        return fast != null ? fast : captureWithFeign(api, call.method, call.args);
    }

    /**
     * Describes one call through Feign itself: the reference for what {@link Route} builds, and
     * the way for every call it does not handle.
     *
     * @param api the generated interface
     * @param method one of its methods
     * @param args the arguments, as the method takes them
     * @return the request Feign builds
     */
    PreparedRequest captureWithFeign(Class<?> api, Method method, Object[] args) {
        Object proxy = proxies.computeIfAbsent(api, k -> apiClient.buildClient(api.asSubclass(ApiClient.Api.class)));
        try {
            method.invoke(proxy, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Captured c) {
                return toPrepared(c.request);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("describing " + method.getName() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
        throw new IllegalStateException("the invocation did not call " + api.getSimpleName());
    }

    private static Object recorder(Class<?> api) {
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "request recorder of " + api.getSimpleName();
                };
            }
            Recorded call = RECORDING.get();
            if (call == null) {
                throw new IllegalStateException("a request was described outside FeignRequests.capture");
            }
            if (call.method != null) {
                throw new IllegalStateException("the invocation called " + api.getSimpleName() + " more than once");
            }
            call.method = method;
            call.args = args == null ? new Object[0] : args;
            return null;
        });
    }

    /**
     * @param header a header name
     * @return whether the JDK sets it itself and refuses it from the caller
     */
    static boolean restricted(String header) {
        return RESTRICTED.contains(header.toLowerCase(java.util.Locale.ROOT));
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

    /** The method and arguments of the one proxy call of a {@link #capture}. */
    private static final class Recorded {
        Method method;
        Object[] args;
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
