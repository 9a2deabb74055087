package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.ApiClient;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.api.AttachmentsApi;
import dev.poolse.client.api.ConversationsApi;
import dev.poolse.client.api.MeApi;
import dev.poolse.client.api.MembersApi;
import dev.poolse.client.api.MessagesApi;
import dev.poolse.client.api.ReactionsApi;
import dev.poolse.client.api.UsersApi;
import feign.RequestLine;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of every generated interface builds the same request through the SDK's own
 * template expansion as through Feign: method, URL (encoding included), headers and body bytes.
 * Each method is called twice: with every argument set (strings full of characters that need
 * encoding) and with every argument but the path parameters null.
 */
class FeignRequestsParityTest {
    private static final List<Class<? extends ApiClient.Api>> APIS = List.of(AttachmentsApi.class,
            ConversationsApi.class, MeApi.class, MembersApi.class, MessagesApi.class, ReactionsApi.class,
            UsersApi.class);
    private static final String AWKWARD = "a b/c?d&e=f#g+h%i ü 👍🏽 ~._-";
    /** Feign leaves a slash in a path parameter unencoded, so that one is compared separately. */
    private static final String AWKWARD_PATH = AWKWARD.replace("/", "");

    private final FeignRequests requests = new FeignRequests("http://127.0.0.1:4000", PoolseJson.newObjectMapper());

    static Stream<Arguments> methods() {
        List<Arguments> out = new ArrayList<>();
        for (Class<? extends ApiClient.Api> api : APIS) {
            for (Method m : api.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(RequestLine.class)) {
                    out.add(Arguments.of(api.getSimpleName() + "." + m.getName() + m.getParameterCount(), api, m));
                }
            }
        }
        assertThat(out).as("generated methods found").hasSizeGreaterThan(20);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void everyArgumentSetBuildsTheRequestFeignBuilds(String name, Class<? extends ApiClient.Api> api, Method m)
            throws Exception {
        assertSame(api, m, arguments(m, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void nullOptionalArgumentsBuildTheRequestFeignBuilds(String name, Class<? extends ApiClient.Api> api, Method m)
            throws Exception {
        assertSame(api, m, arguments(m, true));
    }

    private <A extends ApiClient.Api> void assertSame(Class<A> api, Method m, Object[] args) throws Exception {
        PreparedRequest ours = requests.capture(api, a -> call(m, a, args));
        PreparedRequest feign = requests.captureWithFeign(api, a -> call(m, a, args));

        assertThat(ours.method()).isEqualTo(feign.method());
        assertThat(ours.uri().toString()).isEqualTo(feign.uri().toString());
        assertThat(caseInsensitive(ours.headers())).isEqualTo(caseInsensitive(feign.headers()));
        assertThat(bytes(ours)).isEqualTo(bytes(feign));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void everyMethodWithoutAQueryMapIsExpandedWithoutFeign(String name, Class<? extends ApiClient.Api> api, Method m) {
        boolean queryMap = Stream.of(m.getParameterAnnotations()).flatMap(Stream::of)
                .anyMatch(a -> a instanceof feign.QueryMap);

        assertThat(RequestLineTemplate.parse(m, PoolseJson.newObjectMapper()).isPresent()).isEqualTo(!queryMap);
    }

    @org.junit.jupiter.api.Test
    void aSlashInAPathParameterIsEncodedSoItCannotChangeThePath() {
        PreparedRequest r = requests.capture(ReactionsApi.class,
                a -> a.removeReaction(UUID.fromString("3f2b1c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d"), "a/b", "key"));

        assertThat(r.uri().getRawPath()).endsWith("/reactions/a%2Fb");
    }

    private static void call(Method m, Object target, Object[] args) {
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Path parameters always set; with {@code nullOptional}, everything else null. */
    private static Object[] arguments(Method m, boolean nullOptional) throws Exception {
        String line = m.getAnnotation(RequestLine.class).value();
        String path = line.contains("?") ? line.substring(0, line.indexOf('?')) : line;
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            feign.Param p = m.getParameters()[i].getAnnotation(feign.Param.class);
            boolean inPath = p != null && path.contains("{" + p.value() + "}");
            boolean body = m.getParameters()[i].getAnnotations().length == 0;
            if (nullOptional && !inPath && !body) {
                continue;
            }
            args[i] = sample(types[i], inPath);
        }
        return args;
    }

    private static Object sample(Class<?> type, boolean inPath) throws Exception {
        if (type == UUID.class) {
            return UUID.fromString("3f2b1c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d");
        }
        if (type == String.class) {
            return inPath ? AWKWARD_PATH : AWKWARD;
        }
        if (type == Integer.class || type == int.class) {
            return 50;
        }
        if (type == Long.class || type == long.class) {
            return 1234L;
        }
        if (type == Boolean.class || type == boolean.class) {
            return true;
        }
        if (List.class.isAssignableFrom(type)) {
            return List.of(AWKWARD);
        }
        if (Map.class == type) {
            return Map.of("k", AWKWARD);
        }
        // A generated model (a body or a query object): an empty instance.
        return type.getDeclaredConstructor().newInstance();
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        return out;
    }

    private static byte[] bytes(PreparedRequest r) throws Exception {
        if (r.body() == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        r.body().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        return done.get(5, TimeUnit.SECONDS);
    }
}
