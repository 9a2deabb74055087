package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.api.AttachmentsApi;
import dev.poolse.client.api.CallsApi;
import dev.poolse.client.api.ConversationsApi;
import dev.poolse.client.api.DevicesApi;
import dev.poolse.client.api.MeApi;
import dev.poolse.client.api.MembersApi;
import dev.poolse.client.api.MessagesApi;
import dev.poolse.client.api.ReactionsApi;
import dev.poolse.client.api.UsersApi;
import dev.poolse.client.model.MessageCreateRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link Route} builds directly are the ones Feign builds, for every method of the
 * generated interfaces, and the calls it leaves to Feign still get Feign's request.
 */
class RouteTest {
    private static final List<Class<?>> APIS = List.of(AttachmentsApi.class, CallsApi.class, ConversationsApi.class,
            DevicesApi.class, MeApi.class, MembersApi.class, MessagesApi.class, ReactionsApi.class, UsersApi.class);
    private static final UUID ID = UUID.fromString("0b5c2f4e-8d7a-4c1e-9f3b-2a6d8e0c1b47");
    private final ObjectMapper mapper = PoolseJson.newObjectMapper();

    /** Argument sets: plain values, absent optional values, values that need escaping. */
    private enum Values { PLAIN, ABSENT, ESCAPED }

    @Test
    void everyMethodGivesFeignsRequest() throws Exception {
        int direct = 0;
        int compared = 0;
        for (String base : List.of("http://127.0.0.1:8080", "https://api.example.com/base")) {
            FeignRequests feign = new FeignRequests(base, mapper);
            for (Class<?> api : APIS) {
                for (Method method : api.getMethods()) {
                    if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                        continue;
                    }
                    for (Values values : Values.values()) {
                        Object[] args = arguments(method, values);
                        String expected = outcome(() -> feign.captureWithFeign(api, method, args));
                        String actual = outcome(() -> capture(feign, api, method, args));
                        assertThat(actual).as("%s %s with %s", api.getSimpleName(), method, Arrays.toString(args))
                                .isEqualTo(expected);
                        compared++;
                        if (Route.compile(method, base, mapper).build(args) != null) {
                            direct++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(direct).as("calls built without Feign").isGreaterThan(compared / 3);
    }

    @Test
    void theBusiestRoutesAreBuiltDirectlyAndTheSameAsFeigns() throws Exception {
        Method send = MessagesApi.class.getMethod("sendMessage", UUID.class, MessageCreateRequest.class, String.class);
        Method list = MessagesApi.class.getMethod("listMessages", UUID.class, Integer.class, Long.class);
        Method me = MeApi.class.getMethod("getMe");
        String base = "http://127.0.0.1:8080";
        MessageCreateRequest body = new MessageCreateRequest().body("hello 😀").id(ID);

        Object[] sendArgs = {ID, body, ID.toString()};
        assertThat(Route.compile(send, base, mapper).build(sendArgs)).isNotNull();
        FeignRequests feign = new FeignRequests(base, mapper);
        assertThat(outcome(() -> capture(feign, MessagesApi.class, send, sendArgs)))
                .isEqualTo(outcome(() -> feign.captureWithFeign(MessagesApi.class, send, sendArgs)))
                .contains("\"body\":\"hello ");
        assertThat(Route.compile(list, base, mapper).build(new Object[] {ID, 50, null})).isNotNull();
        assertThat(Route.compile(me, base, mapper).build(new Object[0])).isNotNull();
        // A value that needs escaping is left to Feign.
        assertThat(Route.compile(send, base, mapper).build(new Object[] {ID, body, "a key"})).isNull();
    }

    private static PreparedRequest capture(FeignRequests feign, Class<?> api, Method method, Object[] args) {
        @SuppressWarnings("unchecked")
        Class<dev.poolse.client.ApiClient.Api> type = (Class<dev.poolse.client.ApiClient.Api>) api;
        return feign.capture(type, proxy -> {
            try {
                method.invoke(proxy, args);
            } catch (InvocationTargetException e) {
                throw (RuntimeException) e.getCause();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Describe {
        PreparedRequest get();
    }

    /** The request as text (method, URI, headers, body), or the exception's class and message. */
    private static String outcome(Describe describe) throws Exception {
        PreparedRequest r;
        try {
            r = describe.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
        String body = r.body() == null ? "none" : new String(bytes(r.body().get()), java.nio.charset.StandardCharsets.UTF_8);
        return r.method() + " " + r.uri() + "\n" + r.headers() + "\n" + body + "\n" + r.authenticated() + " "
                + r.replayable() + " " + r.upload();
    }

    private Object[] arguments(Method method, Values values) throws Exception {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == UUID.class) {
                args[i] = ID;
            } else if (t == Integer.class) {
                args[i] = values == Values.ABSENT ? null : 50;
            } else if (t == Long.class) {
                args[i] = values == Values.ABSENT ? null : 1_700_000_000_123L;
            } else if (t == String.class) {
                args[i] = switch (values) {
                    case PLAIN -> "abc-DEF_1.2~";
                    case ABSENT -> null;
                    case ESCAPED -> "a b/ü😀%?&=";
                };
            } else if (t == Boolean.class) {
                args[i] = values != Values.ABSENT;
            } else {
                args[i] = t.getConstructor().newInstance();
            }
        }
        return args;
    }

    private static byte[] bytes(HttpRequest.BodyPublisher publisher) throws Exception {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        List<ByteBuffer> parts = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                int n = parts.stream().mapToInt(ByteBuffer::remaining).sum();
                ByteBuffer all = ByteBuffer.allocate(n);
                parts.forEach(all::put);
                done.complete(all.array());
            }
        });
        return done.get(5, TimeUnit.SECONDS);
    }
}
