package dev.poolse.sdk;

import static dev.poolse.sdk.StubResponses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.CallConnection;
import dev.poolse.client.model.Device;
import dev.poolse.client.model.DeviceEnvironment;
import dev.poolse.client.model.DevicePlatform;
import dev.poolse.client.model.IceServersResponse;
import dev.poolse.client.model.RegisterDeviceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Devices, ICE servers and call tokens: exact requests and the handling of their answers. */
class CallResourcesStubTest {
    static final String DEVICE = "{\"id\":\"" + UUID.randomUUID() + "\",\"tenant_id\":\"" + UUID.randomUUID()
            + "\",\"user_id\":\"" + UUID.randomUUID() + "\",\"platform\":\"ios\",\"environment\":\"sandbox\","
            + "\"last_registered_at\":\"2026-11-28T10:41:00Z\",\"inserted_at\":\"2026-11-28T10:41:00Z\","
            + "\"updated_at\":\"2026-11-28T10:41:00Z\"}";
    static final String ICE = "{\"ice_servers\":[{\"urls\":\"stun:stun.example.test:3478\"},"
            + "{\"urls\":[\"turn:turn.example.test:3478\"],\"username\":\"1:u\",\"credential\":\"c\"}],"
            + "\"ttl_seconds\":600}";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
    MockWebServer server;
    Poolse chat;

    @BeforeEach
    void start() throws Exception {
        server = StubServers.startLoopback();
        chat = Poolse.builder().apiUrl(server.url("/").toString()).tokenProvider(() -> "t")
                .baseBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).clock(clock).build();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        server.shutdown();
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("request reached the server").isNotNull();
        return r;
    }

    // ---- devices ----

    @Test
    void registerPostsTokenPlatformAndEnvironmentWithAnIdempotencyKey() throws Exception {
        server.enqueue(json(201, DEVICE));
        Device d = chat.devices().register("abc123", DevicePlatform.IOS, DeviceEnvironment.SANDBOX);
        RecordedRequest r = take();
        assertThat(d.getPlatform()).isEqualTo(DevicePlatform.IOS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getPath()).isEqualTo("/v1/devices");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"token\":\"abc123\",\"platform\":\"ios\",\"environment\":\"sandbox\"}");
        assertThat(r.getHeader("Idempotency-Key")).isNotBlank();
    }

    @Test
    void unregisterEncodesTheTokenAsOnePathSegment() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        chat.devices().unregister("fcm:tok en/+x");
        assertThat(take().getPath()).isEqualTo("/v1/devices/fcm%3Atok%20en%2F%2Bx");
    }

    @Test
    void blankTokensAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> chat.devices().unregister(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chat.devices().register(new RegisterDeviceRequest().token("").platform(DevicePlatform.IOS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chat.devices().register(new RegisterDeviceRequest().token("t")))
                .isInstanceOf(NullPointerException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- ICE servers ----

    @Test
    void iceServersAcceptASingleUrlString() throws Exception {
        server.enqueue(json(200, ICE));
        IceServersResponse r = chat.iceServers().get();
        assertThat(r.getIceServers().get(0).getUrls()).containsExactly("stun:stun.example.test:3478");
        assertThat(r.getIceServers().get(1).getUsername()).isEqualTo("1:u");
    }

    @Test
    void iceServersAreCachedWhileTheirCredentialsAreFresh() throws Exception {
        server.enqueue(json(200, ICE));
        IceServersResponse first = chat.iceServers().get();
        clock.advance(Duration.ofSeconds(539));      // 600 s TTL, 60 s reserve
        IceServersResponse second = chat.iceServers().get();
        System.out.println("requests after two gets within the TTL: " + server.getRequestCount());
        assertThat(second).isSameAs(first);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void iceServersAreFetchedAgainWhenTheTtlIsNearlyUsed() throws Exception {
        server.enqueue(json(200, ICE));
        server.enqueue(json(200, ICE));
        chat.iceServers().get();
        clock.advance(Duration.ofSeconds(540));
        chat.iceServers().get();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void invalidateForcesAFreshFetch() throws Exception {
        server.enqueue(json(200, ICE));
        server.enqueue(json(200, ICE));
        chat.iceServers().get();
        chat.iceServers().invalidate();
        chat.iceServers().get();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void concurrentIceServerCallsShareOneRequest() throws Exception {
        server.enqueue(json(200, ICE).setBodyDelay(200, TimeUnit.MILLISECONDS));
        CompletableFuture<IceServersResponse> a = chat.iceServers().getAsync();
        CompletableFuture<IceServersResponse> b = chat.iceServers().getAsync();
        assertThat(a.get(5, TimeUnit.SECONDS).getTtlSeconds()).isEqualTo(600);
        assertThat(b.get(5, TimeUnit.SECONDS).getTtlSeconds()).isEqualTo(600);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aFailedIceServerFetchIsNotCached() throws Exception {
        server.enqueue(json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\",\"doc_url\":\"x\"}}"));
        server.enqueue(json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\",\"doc_url\":\"x\"}}"));
        server.enqueue(json(200, ICE));
        assertThatThrownBy(() -> chat.iceServers().get()).isInstanceOf(AuthException.class);
        assertThat(chat.iceServers().get().getTtlSeconds()).isEqualTo(600);
    }

    // ---- call tokens ----

    @Test
    void callTokenPostsWithoutBodyAndReturnsTheConnection() throws Exception {
        UUID conv = UUID.randomUUID();
        server.enqueue(json(201, "{\"url\":\"wss://sfu.example.test\",\"token\":\"jwt\",\"room\":\"conversation:" + conv
                + "\",\"expires_at\":1795874400}"));
        Optional<CallConnection> c = chat.callTokens().create(conv);
        RecordedRequest r = take();
        assertThat(r.getPath()).isEqualTo("/v1/conversations/" + conv + "/call-token");
        assertThat(r.getBodySize()).isZero();
        assertThat(c).get().extracting(CallConnection::getUrl).isEqualTo("wss://sfu.example.test");
    }

    @Test
    void noSfu503IsAnEmptyResultAfterOneRequest() throws Exception {
        server.enqueue(json(503, "{\"error\":{\"code\":\"sfu_unavailable\",\"message\":\"no SFU\",\"doc_url\":\"x\"}}"));
        Optional<CallConnection> c = chat.callTokens().create(UUID.randomUUID());
        System.out.println("requests for a 503 call-token: " + server.getRequestCount());
        assertThat(c).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void noSfu503IsAnEmptyResultAsyncToo() throws Exception {
        server.enqueue(json(503, "{\"error\":{\"code\":\"sfu_unavailable\",\"message\":\"no SFU\",\"doc_url\":\"x\"}}"));
        assertThat(chat.callTokens().createAsync(UUID.randomUUID()).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void otherServerErrorsOnTheCallTokenAreStillRetried() throws Exception {
        server.enqueue(json(500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"x\",\"doc_url\":\"x\"}}"));
        server.enqueue(json(201, "{\"url\":\"wss://s\",\"token\":\"t\",\"room\":\"r\",\"expires_at\":1}"));
        assertThat(chat.callTokens().create(UUID.randomUUID())).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRefusedCallTokenIsAnApiException() {
        server.enqueue(json(403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"not a member\",\"doc_url\":\"x\"}}"));
        assertThatThrownBy(() -> chat.callTokens().create(UUID.randomUUID()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> chat.callTokens().create(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> chat.iceServers().get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> chat.devices().register("t", null, DeviceEnvironment.PRODUCTION))
                .isInstanceOf(NullPointerException.class);
    }
}
