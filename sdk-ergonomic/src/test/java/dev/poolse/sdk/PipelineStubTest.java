package dev.poolse.sdk;

import static dev.poolse.sdk.StubResponses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Me;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exact headers, bytes and timing of the request pipeline, against a bare HTTP stub. */
class PipelineStubTest {
    static final String ME = "{\"id\":\"" + UUID.randomUUID() + "\",\"external_id\":\"alice\"}";

    MockWebServer server;
    Poolse chat;
    final AtomicInteger tokenCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        // An exhausted queue answers at once instead of blocking the connection forever.
        ((okhttp3.mockwebserver.QueueDispatcher) server.getDispatcher()).setFailFast(true);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        chat = client(b -> {});
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        server.shutdown();
    }

    Poolse client(java.util.function.Consumer<Poolse.Builder> custom) {
        Poolse.Builder b = Poolse.builder()
                .apiUrl(server.url("/").toString())
                .tokenProvider(() -> "token-" + tokenCalls.incrementAndGet())
                .baseBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5));
        custom.accept(b);
        return b.build();
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("request reached the server").isNotNull();
        return r;
    }

    @Test
    void sendsAuthorizationAcceptAndUserAgent() throws Exception {
        server.enqueue(json(200, ME));
        Me me = chat.me().show();
        RecordedRequest r = take();
        assertThat(me.getExternalId()).isEqualTo("alice");
        assertThat(r.getPath()).isEqualTo("/v1/me");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(r.getHeader("Accept")).isEqualTo("application/json");
        assertThat(r.getHeader("Idempotency-Key")).isNull();
    }

    @Test
    void userAgentNamesSdkAndJava() throws Exception {
        server.enqueue(json(200, ME));
        chat.me().show();
        assertThat(take().getHeader("User-Agent"))
                .isEqualTo("poolse-java/" + Poolse.VERSION + " Java/" + System.getProperty("java.version"));
    }

    @Test
    void userAgentVersionIsTheBuildsProjectVersion() {
        // The build passes its project version; a release's versions:set therefore moves both.
        assertThat(Poolse.VERSION).isEqualTo(System.getProperty("poolse.projectVersion")).isNotEqualTo("unknown");
    }

    @Test
    void idempotencyKeyStableAcrossRetries() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(json(201, "{\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"hi\"}"));
        chat.conversations().one(UUID.randomUUID()).messages().send(new MessageCreateRequest().body("hi"));
        String k1 = take().getHeader("Idempotency-Key");
        String k2 = take().getHeader("Idempotency-Key");
        String k3 = take().getHeader("Idempotency-Key");
        assertThat(k1).isNotBlank();
        assertThat(k2).isEqualTo(k1);
        assertThat(k3).isEqualTo(k1);
    }

    @Test
    void sendFillsMissingIdAndKeepsItAcrossRetries() throws Exception {
        server.enqueue(json(500, "{}"));
        server.enqueue(json(201, "{\"id\":\"" + UUID.randomUUID() + "\"}"));
        MessageCreateRequest request = new MessageCreateRequest().body("hi");
        chat.conversations().one(UUID.randomUUID()).messages().send(request);
        String first = take().getBody().readUtf8();
        String second = take().getBody().readUtf8();
        assertThat(first).contains("\"id\":\"").isEqualTo(second);
        assertThat(request.getId()).as("caller's request is not mutated").isNull();
    }

    @Test
    void explicitIdempotencyKeyIsSentAndOmitSendsNone() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        server.enqueue(new MockResponse().setResponseCode(204));
        chat.messages().one(UUID.randomUUID()).delete(RequestOptions.defaults().withIdempotencyKey("mine"));
        chat.messages().one(UUID.randomUUID()).delete(RequestOptions.defaults().withoutIdempotencyKey());
        assertThat(take().getHeader("Idempotency-Key")).isEqualTo("mine");
        assertThat(take().getHeader("Idempotency-Key")).isNull();
    }

    @Test
    void retryAfterSecondsHonoured() throws Exception {
        server.enqueue(json(429, "{}").setHeader("Retry-After", "1"));
        server.enqueue(json(200, ME));
        long start = System.nanoTime();
        chat.me().show();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(elapsed).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void retryAfterHttpDateHonoured() throws Exception {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        try (Poolse fixed = client(b -> b.clock(Clock.fixed(now, ZoneOffset.UTC)))) {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atOffset(ZoneOffset.UTC));
            server.enqueue(json(503, "{}").setHeader("Retry-After", date));
            server.enqueue(json(200, ME));
            long start = System.nanoTime();
            fixed.me().show();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void retriesOn503ThenSucceeds() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(502, "{}"));
        server.enqueue(json(200, ME));
        assertThat(chat.me().show().getExternalId()).isEqualTo("alice");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxRetriesPlusOneAttempts() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(500, "{\"error\":{\"code\":\"boom\",\"message\":\"x\",\"doc_url\":\"d\"}}"));
        }
        assertThatThrownBy(() -> chat.me().show())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.attempts()).isEqualTo(4);
                });
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void unauthorizedRefreshesOnceThenAuthException() throws Exception {
        server.enqueue(json(401, "{\"error\":{\"code\":\"invalid_user_token\",\"message\":\"bad\",\"doc_url\":\"u\"}}"));
        server.enqueue(json(401, "{\"error\":{\"code\":\"invalid_user_token\",\"message\":\"bad\",\"doc_url\":\"u\"}}"));
        assertThatThrownBy(() -> chat.me().show())
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_user_token"));
        assertThat(take().getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(take().getHeader("Authorization")).isEqualTo("Bearer token-2");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void unauthorizedThenFreshTokenSucceeds() throws Exception {
        server.enqueue(json(401, "{}"));
        server.enqueue(json(200, ME));
        assertThat(chat.me().show().getExternalId()).isEqualTo("alice");
        assertThat(tokenCalls).hasValue(2);
    }

    @Test
    void errorEnvelopeFieldsExposed() {
        server.enqueue(json(422, "{\"error\":{\"code\":\"validation_failed\",\"message\":\"body is required\","
                + "\"doc_url\":\"https://docs.poolse.dev/errors/validation_failed\",\"details\":{\"body\":[\"required\"]}}}")
                .setHeader("x-request-id", "req-1"));
        assertThatThrownBy(() -> chat.conversations().one(UUID.randomUUID()).messages().send(new MessageCreateRequest()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.docUrl()).isEqualTo("https://docs.poolse.dev/errors/validation_failed");
                    assertThat(e.details()).containsKey("body");
                    assertThat(e.requestId()).isEqualTo("req-1");
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void nonEnvelopeBodyBecomesUnknownError() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("<html>not here</html>"));
        assertThatThrownBy(() -> chat.me().show())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(ApiException.UNKNOWN_ERROR);
                });
    }

    @Test
    void rateLimitedExceptionCarriesRetryAfter() {
        try (Poolse noRetry = client(b -> b.maxRetries(0))) {
            server.enqueue(json(429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow\",\"doc_url\":\"u\"}}")
                    .setHeader("Retry-After", "3"));
            assertThatThrownBy(() -> noRetry.me().show())
                    .isInstanceOfSatisfying(RateLimitedException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        }
    }

    @Test
    void noContentReturnsNothing() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        CompletableFuture<Void> f = chat.messages().one(UUID.randomUUID()).deleteAsync();
        assertThat(f.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(take().getMethod()).isEqualTo("DELETE");
    }

    @Test
    void networkFailureBecomesNetworkExceptionAfterRetries() {
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return peek();
            }

            @Override
            public MockResponse peek() {
                return new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_START);
            }
        });
        assertThatThrownBy(() -> chat.me().show())
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.attempts()).isEqualTo(4));
    }

    @Test
    void cancellationAbortsExchangeAndStopsRetries() throws Exception {
        // A one-second Retry-After: a retry that the cancellation failed to stop would arrive well
        // inside the two seconds watched below.
        server.enqueue(json(503, "{}").setHeader("Retry-After", "1"));
        server.enqueue(json(200, ME));
        CompletableFuture<Me> f = chat.me().showAsync();
        take();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.getRequestCount() == 1);
        assertThat(f.cancel(true)).isTrue();
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> server.getRequestCount() == 1);
    }

    @Test
    void cancellationAbortsInFlightExchange() throws Exception {
        cancelAnAsyncCallInFlightAndSeeItsConnectionClosed();
    }

    /**
     * Starts an async call against a peer that never answers, cancels it once the request is in,
     * and checks from the server's side that the client gave the connection up, not just its future.
     */
    static void cancelAnAsyncCallInFlightAndSeeItsConnectionClosed() throws Exception {
        try (SilentPeer peer = new SilentPeer();
                Poolse direct = Poolse.builder().apiUrl(peer.url()).tokenProvider(() -> "token").maxRetries(0).build()) {
            CompletableFuture<Me> f = direct.me().showAsync();
            assertThat(peer.awaitRequest(Duration.ofSeconds(10))).startsWith("GET /v1/me ");
            assertThat(f.cancel(true)).isTrue();
            assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(peer.closedByClient(Duration.ofSeconds(10))).as("connection closed by the client").isTrue();
        }
    }

    @Test
    void interruptAbortsBlockingCall() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                chat.me().show();
            } catch (Throwable t) {
                thrown.set(t);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        take();
        caller.interrupt();
        caller.join(5_000);
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    void timeoutCoversAllAttempts() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(503, "{}").setHeadersDelay(400, TimeUnit.MILLISECONDS));
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> chat.me().show(RequestOptions.defaults().withTimeout(Duration.ofMillis(600))))
                .isInstanceOf(RequestTimeoutException.class);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The request count shows the timeout ended the retries; the upper bound only leaves room for a
        // loaded machine's late timer.
        assertThat(elapsed).isBetween(550L, 4000L);
        assertThat(server.getRequestCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void retryBudgetStopsRetryStorm() {
        try (Poolse small = client(b -> b.retryBudget(3))) {
            for (int i = 0; i < 20; i++) {
                server.enqueue(json(503, "{}"));
            }
            // First call: 1 attempt + 3 retries drains the bucket; the next calls get one attempt each.
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> small.me().show()).isInstanceOf(ApiException.class);
            }
            assertThat(server.getRequestCount()).isEqualTo(4 + 3);
        }
    }

    @Test
    void emojiPercentEncoding() throws Exception {
        String[][] cases = {
                {"👍", "%F0%9F%91%8D"},
                {"👍🏽", "%F0%9F%91%8D%F0%9F%8F%BD"},
                {"👨‍👩‍👧", "%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7"},
                {"❤️", "%E2%9D%A4%EF%B8%8F"},
                {"🏳️‍🌈", "%F0%9F%8F%B3%EF%B8%8F%E2%80%8D%F0%9F%8C%88"},
        };
        UUID id = UUID.randomUUID();
        for (String[] c : cases) {
            server.enqueue(json(200, "{\"id\":\"" + id + "\"}"));
            Message m = chat.messages().one(id).removeReaction(c[0]);
            assertThat(m.getId()).isEqualTo(id);
            assertThat(take().getPath()).isEqualTo("/v1/messages/" + id + "/reactions/" + c[1]);
        }
    }

    @Test
    void listMessagesSendsLimitAndBeforeOnlyWhenSet() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));
        server.enqueue(json(200, "{\"data\":[]}"));
        UUID conv = UUID.randomUUID();
        chat.conversations().one(conv).messages().list(MessageQuery.newest(50));
        chat.conversations().one(conv).messages().list(MessageQuery.newest(50).before(17));
        assertThat(take().getPath()).isEqualTo("/v1/conversations/" + conv + "/messages?limit=50");
        assertThat(take().getPath()).isEqualTo("/v1/conversations/" + conv + "/messages?limit=50&before=17");
    }

    @Test
    void repliesDefaultToFiveHundred() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));
        UUID id = UUID.randomUUID();
        chat.messages().one(id).replies();
        assertThat(take().getPath()).isEqualTo("/v1/messages/" + id + "/replies?limit=500");
    }

    @Test
    void iterateFetchesOlderPagesOnDemand() throws Exception {
        UUID conv = UUID.randomUUID();
        server.enqueue(json(200, "{\"data\":[{\"sequence\":5},{\"sequence\":4}]}"));
        server.enqueue(json(200, "{\"data\":[{\"sequence\":3}]}"));
        java.util.List<Long> seen = new java.util.ArrayList<>();
        for (Message m : chat.conversations().one(conv).messages().iterate(2, RequestOptions.defaults())) {
            seen.add(m.getSequence());
        }
        assertThat(seen).containsExactly(5L, 4L, 3L);
        assertThat(take().getPath()).endsWith("?limit=2");
        assertThat(take().getPath()).endsWith("?limit=2&before=4");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void restEscapeHatchUsesSameAuthAndIdempotency() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, "{\"ok\":true}"));
        java.util.Map<String, Object> out = chat.rest().request(RestRequest.post("/v1/something")
                .body(java.util.Map.of("foo", "bar")).query("limit", 10).query("q", "a b"), new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {}, RequestOptions.defaults());
        RecordedRequest first = take();
        RecordedRequest second = take();
        assertThat(out).containsEntry("ok", true);
        assertThat(first.getPath()).isEqualTo("/v1/something?limit=10&q=a%20b");
        assertThat(first.getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(first.getHeader("Content-Type")).startsWith("application/json");
        assertThat(first.getBody().readUtf8()).isEqualTo("{\"foo\":\"bar\"}");
        assertThat(second.getHeader("Idempotency-Key")).isEqualTo(first.getHeader("Idempotency-Key")).isNotNull();
    }

    @Test
    void restIdempotencyKeyNullOmitsHeader() throws Exception {
        server.enqueue(json(200, "{}"));
        chat.rest().request(RestRequest.post("/v1/x").idempotencyKey(null), Void.class);
        assertThat(take().getHeader("Idempotency-Key")).isNull();
    }

    @Test
    void futuresCompleteOnTheCallbackExecutor() throws Exception {
        java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "app-callbacks"));
        // The token waits until the stage is attached, so the call cannot finish first and run the
        // stage on the test thread.
        CountDownLatch attached = new CountDownLatch(1);
        try (Poolse withExec = client(b -> b.callbackExecutor(exec).tokenProvider(() -> {
            attached.await(5, TimeUnit.SECONDS);
            return "token";
        }))) {
            server.enqueue(json(200, ME));
            CompletableFuture<String> thread = withExec.me().showAsync().thenApply(m -> Thread.currentThread().getName());
            attached.countDown();
            assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("app-callbacks");
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void blockingCallIsCompletedOnTheCallingThreadWithoutTheCallbackExecutor() throws Exception {
        AtomicInteger callbackTasks = new AtomicInteger();
        java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Poolse withExec = client(b -> b.callbackExecutor(task -> {
            callbackTasks.incrementAndGet();
            exec.execute(task);
        }))) {
            server.enqueue(json(200, ME));
            server.enqueue(json(200, ME));
            withExec.me().show(); // fetches and caches the token
            int before = callbackTasks.get();

            Me me = withExec.me().show();

            assertThat(me.getExternalId()).isEqualTo("alice");
            assertThat(callbackTasks.get()).as("tasks handed to the callback executor").isEqualTo(before);
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void blockingCallAbandonedByItsTimeoutLeavesTheCallerUninterrupted() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
        server.enqueue(json(200, ME));

        assertThatThrownBy(() -> chat.me().show(RequestOptions.defaults().withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(RequestTimeoutException.class);

        assertThat(Thread.currentThread().isInterrupted()).as("caller interrupted after the call").isFalse();
        assertThat(chat.me().show().getExternalId()).isEqualTo("alice");
    }

    @Test
    void blockingCallRetriesAfterA503() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, ME));

        assertThat(chat.me().show().getExternalId()).isEqualTo("alice");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void concurrentCallsShareOneTokenProviderCall() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Poolse slowToken = client(b -> b.tokenProvider(() -> {
            calls.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return "shared-token";
        }))) {
            java.util.List<CompletableFuture<Me>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                server.enqueue(json(200, ME));
                futures.add(slowToken.me().showAsync());
            }
            release.countDown();
            for (CompletableFuture<Me> f : futures) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertThat(calls).hasValue(1);
            for (int i = 0; i < 16; i++) {
                assertThat(take().getHeader("Authorization")).isEqualTo("Bearer shared-token");
            }
        }
    }

    @Test
    void asyncTokenProviderIsUsed() throws Exception {
        try (Poolse async = Poolse.builder().apiUrl(server.url("/").toString())
                .asyncTokenProvider(() -> CompletableFuture.completedFuture("async-token")).build()) {
            server.enqueue(json(200, ME));
            async.me().show();
            assertThat(take().getHeader("Authorization")).isEqualTo("Bearer async-token");
        }
    }

    @Test
    void nullTokenSendsNoAuthorization() throws Exception {
        try (Poolse anonymous = client(b -> b.tokenProvider(() -> null))) {
            server.enqueue(json(200, ME));
            anonymous.me().show();
            assertThat(take().getHeader("Authorization")).isNull();
        }
    }

    @Test
    void tenantApiKeyFromTheTokenProviderIsNeverSent() {
        try (Poolse misconfigured = client(b -> b.tokenProvider(() -> "pk_live_misplaced_key"))) {
            assertThatThrownBy(() -> misconfigured.me().show())
                    .isInstanceOf(PoolseException.class)
                    .hasMessageContaining("tenant API key")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pk_live_misplaced_key"));
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void tokensAreNeverLogged() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        try {
            server.enqueue(json(401, "{}"));
            server.enqueue(json(503, "{}"));
            server.enqueue(json(200, ME));
            chat.me().show();
        } finally {
            root.detachAppender(appender);
            root.setLevel(level);
        }
        assertThat(appender.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("GET /v1/me -> 200 (attempt 3"))
                .noneSatisfy(m -> assertThat(m).containsAnyOf("token-", "Bearer", "Authorization"));
    }

    @Test
    void oversizedResponseIsRefusedNotBuffered() {
        try (Poolse small = client(b -> b.maxResponseBytes(1024))) {
            server.enqueue(json(200, "{\"external_id\":\"" + "a".repeat(4096) + "\"}"));
            assertThatThrownBy(() -> small.me().show())
                    .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1024));
            assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void oversizedChunkedResponseIsRefusedWhileStreaming() {
        try (Poolse small = client(b -> b.maxResponseBytes(1024))) {
            server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setChunkedBody("{\"external_id\":\"" + "a".repeat(8192) + "\"}", 256));
            assertThatThrownBy(() -> small.me().show()).isInstanceOf(ResponseTooLargeException.class);
        }
    }

    @Test
    void tricklingBodyIsAbandonedAfterTheAttemptTimeout() {
        try (Poolse bounded = client(b -> b.attemptTimeout(Duration.ofMillis(500)).maxRetries(1))) {
            for (int i = 0; i < 2; i++) {
                server.enqueue(json(200, ME).throttleBody(1, 1, TimeUnit.SECONDS));
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> bounded.me().show())
                    .isInstanceOfSatisfying(NetworkException.class, e -> {
                        assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class);
                        assertThat(e.attempts()).isEqualTo(2);
                    });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }

    @Test
    void perCallMaxRetriesOverridesTheClient() {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, ME));
        assertThatThrownBy(() -> chat.me().show(RequestOptions.defaults().withMaxRetries(0)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterBeyondTheLongestWaitIsReportedAtOnceInsteadOfWaitedFor() {
        server.enqueue(json(429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow\",\"doc_url\":\"u\"}}")
                .setHeader("Retry-After", "3600"));
        server.enqueue(json(200, ME));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> chat.me().show())
                        .isInstanceOfSatisfying(RateLimitedException.class,
                                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1))));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
