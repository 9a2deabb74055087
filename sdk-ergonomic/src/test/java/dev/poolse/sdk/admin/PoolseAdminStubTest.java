package dev.poolse.sdk.admin;

import static dev.poolse.sdk.StubResponses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.poolse.client.model.UserCreateRequest;
import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.AuthException;
import dev.poolse.sdk.NetworkException;
import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.RateLimitedException;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.SilentPeer;
import dev.poolse.sdk.StubServers;
import dev.poolse.sdk.TokenProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The admin client's calls, headers and failures, against a bare HTTP stub. */
class PoolseAdminStubTest {
    static final String KEY = "pk_test_stub_secret_4242";
    static final UUID USER_ID = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    static final String USER = "{\"id\":\"" + USER_ID + "\",\"tenant_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\","
            + "\"external_id\":\"alice\",\"display_name\":null,\"custom_data\":{},\"is_blocked\":false,"
            + "\"inserted_at\":\"2026-11-02T09:15:00Z\",\"updated_at\":\"2026-11-02T09:15:00Z\"}";
    static final Instant EXP = Instant.parse("2026-11-28T15:00:00Z");

    MockWebServer server;
    PoolseAdmin admin;

    @BeforeEach
    void start() throws Exception {
        server = StubServers.startLoopback();
        admin = admin(b -> { });
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        server.shutdown();
    }

    PoolseAdmin admin(Consumer<PoolseAdmin.Builder> custom) {
        PoolseAdmin.Builder b = PoolseAdmin.builder()
                .apiUrl(server.url("/").toString())
                .apiKey(KEY)
                .baseBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5));
        custom.accept(b);
        return b.build();
    }

    static String jwt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + USER_ID + "\",\"exp\":" + exp.getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    static MockResponse token(Instant exp, Instant expiresAt) {
        return json(201, "{\"token\":\"" + jwt(exp) + "\",\"expires_at\":\"" + expiresAt + "\"}");
    }

    static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\",\"doc_url\":\"https://docs.poolse.dev/errors/" + code
                + "\"}}";
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("request reached the server").isNotNull();
        return r;
    }

    // ---- what is sent ----

    @Test
    void upsertPostsTheExternalIdWithTheApiKey() throws Exception {
        server.enqueue(json(201, USER));
        admin.users().upsert("alice");
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getPath()).isEqualTo("/v1/users");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"external_id\":\"alice\"}");
    }

    @Test
    void upsertSendsDisplayNameAndCustomDataOfTheRequest() throws Exception {
        server.enqueue(json(200, USER));
        admin.users().upsert(new UserCreateRequest().externalId("alice").displayName("Alice").putCustomDataItem("plan", "pro"));
        assertThat(take().getBody().readUtf8())
                .isEqualTo("{\"external_id\":\"alice\",\"display_name\":\"Alice\",\"custom_data\":{\"plan\":\"pro\"}}");
    }

    @Test
    void mintTokenPostsToTheUsersTokensRoute() throws Exception {
        server.enqueue(token(EXP, EXP));
        admin.users().mintToken(USER_ID);
        RecordedRequest r = take();
        assertThat(r.getPath()).isEqualTo("/v1/users/" + USER_ID + "/tokens");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    // ---- results ----

    @Test
    void status201MeansCreated() {
        server.enqueue(json(201, USER));
        UpsertedUser u = admin.users().upsert("alice");
        assertThat(u.created()).isTrue();
        assertThat(u.user().getId()).isEqualTo(USER_ID);
    }

    @Test
    void status200MeansItAlreadyExisted() {
        server.enqueue(json(200, USER));
        assertThat(admin.users().upsert("alice").created()).isFalse();
    }

    @Test
    void mintedTokenCarriesTheJwtAndItsExpClaim() {
        server.enqueue(token(EXP, EXP));
        MintedToken t = admin.users().mintToken(USER_ID);
        assertThat(t.token()).isEqualTo(jwt(EXP));
        assertThat(t.expiresAt()).isEqualTo(EXP);
        assertThat(t.userId()).isEqualTo(USER_ID);
    }

    @Test
    void mintedTokenWhoseExpDisagreesWithExpiresAtIsRefused() {
        server.enqueue(token(EXP, EXP.plusSeconds(3600)));
        assertThatThrownBy(() -> admin.users().mintToken(USER_ID))
                .isInstanceOf(PoolseException.class)
                .hasRootCauseMessage("the token's exp claim (" + EXP + ") disagrees with expires_at ("
                        + EXP.plusSeconds(3600) + ")");
    }

    @Test
    void mintTokenForProvisionsThenMints() throws Exception {
        server.enqueue(json(200, USER));
        server.enqueue(token(EXP, EXP));
        MintedToken t = admin.users().mintTokenFor("alice");
        assertThat(take().getPath()).isEqualTo("/v1/users");
        assertThat(take().getPath()).isEqualTo("/v1/users/" + USER_ID + "/tokens");
        assertThat(t.userId()).isEqualTo(USER_ID);
    }

    @Test
    void mintTokenForAsyncProvisionsThenMints() throws Exception {
        server.enqueue(json(201, USER));
        server.enqueue(token(EXP, EXP));
        MintedToken t = admin.users().mintTokenForAsync("alice").get(5, TimeUnit.SECONDS);
        assertThat(t.expiresAt()).isEqualTo(EXP);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    // ---- idempotency ----

    @Test
    void idempotencyKeyIsTheSameOnEveryRetryOfOneCall() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(json(201, USER));
        admin.users().upsert("alice");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(take().getHeader("Idempotency-Key"));
        }
        assertThat(keys).doesNotContainNull().containsOnly(keys.get(0));
    }

    @Test
    void eachLogicalCallGetsANewIdempotencyKey() throws Exception {
        server.enqueue(json(201, USER));
        server.enqueue(token(EXP, EXP));
        server.enqueue(token(EXP, EXP));
        admin.users().upsert("alice");
        admin.users().mintToken(USER_ID);
        admin.users().mintToken(USER_ID);
        assertThat(List.of(take().getHeader("Idempotency-Key"), take().getHeader("Idempotency-Key"),
                take().getHeader("Idempotency-Key"))).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void explicitIdempotencyKeyIsSent() throws Exception {
        server.enqueue(token(EXP, EXP));
        admin.users().mintToken(USER_ID, RequestOptions.defaults().withIdempotencyKey("mint-42"));
        assertThat(take().getHeader("Idempotency-Key")).isEqualTo("mint-42");
    }

    @Test
    void idempotencyKeyGeneratorOfTheBuilderIsUsed() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (PoolseAdmin numbered = admin(b -> b.idempotencyKeyGenerator(() -> "k-" + n.incrementAndGet()))) {
            server.enqueue(json(201, USER));
            numbered.users().upsert("alice");
            assertThat(take().getHeader("Idempotency-Key")).isEqualTo("k-1");
        }
    }

    // ---- failures ----

    @Test
    void unauthorizedBecomesAuthExceptionAfterOneAttemptWithAFixedKey() {
        server.enqueue(json(401, error("unauthorized")));
        assertThatThrownBy(() -> admin.users().upsert("alice"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo("unauthorized"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedWithAKeyProviderIsRepeatedOnceWithItsNextKey() throws Exception {
        List<String> keys = List.of("pk_test_old", "pk_test_rotated");
        AtomicInteger reads = new AtomicInteger();
        try (PoolseAdmin rotating = PoolseAdmin.builder().apiUrl(server.url("/").toString())
                .apiKeyProvider(() -> keys.get(Math.min(reads.getAndIncrement(), 1))).build()) {
            server.enqueue(json(401, error("unauthorized")));
            server.enqueue(json(201, USER));
            assertThat(rotating.users().upsert("alice").created()).isTrue();
            assertThat(take().getHeader("Authorization")).isEqualTo("Bearer pk_test_old");
            assertThat(take().getHeader("Authorization")).isEqualTo("Bearer pk_test_rotated");
        }
    }

    @Test
    void conflictBecomesApiExceptionWithItsCode() {
        server.enqueue(json(409, error("idempotency_key_reused")));
        assertThatThrownBy(() -> admin.users().upsert("alice"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
    }

    @Test
    void validationFailureBecomesApiExceptionWithDetails() {
        server.enqueue(json(422, "{\"error\":{\"code\":\"validation_failed\",\"message\":\"invalid\",\"doc_url\":\"d\","
                + "\"details\":{\"external_id\":[\"is too long\"]}}}"));
        assertThatThrownBy(() -> admin.users().upsert("alice"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.details()).containsKey("external_id");
                });
    }

    @Test
    void rateLimitedBecomesRateLimitedExceptionWithRetryAfter() {
        server.enqueue(json(429, error("rate_limited")).setHeader("Retry-After", "7"));
        assertThatThrownBy(() -> admin.users().upsert("alice", RequestOptions.defaults().withMaxRetries(0)))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void retryAfterIsWaitedForBeforeTheRetry() {
        server.enqueue(json(429, error("rate_limited")).setHeader("Retry-After", "1"));
        server.enqueue(json(201, USER));
        long start = System.nanoTime();
        admin.users().upsert("alice");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void userNotFoundOnMintIsAnApiException() {
        server.enqueue(json(404, error("user_not_found")));
        assertThatThrownBy(() -> admin.users().mintToken(USER_ID))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("user_not_found"));
    }

    @Test
    void keyProviderFailureFailsTheCallWithoutSending() {
        try (PoolseAdmin broken = PoolseAdmin.builder().apiUrl(server.url("/").toString())
                .apiKeyProvider(() -> {
                    throw new IllegalStateException("vault down");
                }).build()) {
            assertThatThrownBy(() -> broken.users().upsert("alice"))
                    .isInstanceOf(PoolseException.class)
                    .hasMessageContaining("apiKeyProvider failed");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- cancellation ----

    @Test
    void cancellingAnAsyncCallAbortsTheExchange() throws Exception {
        // Seen from the server: the client gives the connection up, not just its future.
        try (SilentPeer peer = new SilentPeer();
                PoolseAdmin direct = PoolseAdmin.builder().apiUrl(peer.url()).apiKey(KEY).maxRetries(0).build()) {
            CompletableFuture<UpsertedUser> f = direct.users().upsertAsync("alice");
            assertThat(peer.awaitRequest(Duration.ofSeconds(10))).startsWith("POST /v1/users ");
            assertThat(f.cancel(true)).isTrue();
            assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(peer.closedByClient(Duration.ofSeconds(10))).as("connection closed by the client").isTrue();
        }
    }

    @Test
    void cancellingDuringARetryWaitStopsTheRetries() throws Exception {
        // A one-second Retry-After: a retry the cancellation failed to stop would arrive inside the
        // two seconds watched below.
        server.enqueue(json(503, "{}").setHeader("Retry-After", "1"));
        CompletableFuture<MintedToken> f = admin.users().mintTokenAsync(USER_ID);
        take();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.getRequestCount() == 1);
        assertThat(f.cancel(true)).isTrue();
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> server.getRequestCount() == 1);
    }

    @Test
    void cancellingMintTokenForDuringProvisioningNeverMints() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CompletableFuture<MintedToken> f = admin.users().mintTokenForAsync("alice");
        take();
        f.cancel(true);
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.getRequestCount() == 1);
    }

    // ---- arguments: nothing is sent ----

    @Test
    void nullExternalIdIsRefusedByName() {
        assertThatThrownBy(() -> admin.users().upsert((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("externalId");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void blankExternalIdIsRefusedByName() {
        assertThatThrownBy(() -> admin.users().upsertAsync(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("externalId must not be blank");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void overlongExternalIdIsRefused() {
        assertThatThrownBy(() -> admin.users().mintTokenFor("x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void requestWithoutExternalIdIsRefusedByName() {
        assertThatThrownBy(() -> admin.users().upsert(new UserCreateRequest().displayName("x")))
                .isInstanceOf(NullPointerException.class).hasMessage("request.externalId");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void nullUserIdIsRefusedByName() {
        assertThatThrownBy(() -> admin.users().mintTokenAsync(null))
                .isInstanceOf(NullPointerException.class).hasMessage("userId");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void nullOptionsAreRefusedByName() {
        assertThatThrownBy(() -> admin.users().mintToken(USER_ID, null))
                .isInstanceOf(NullPointerException.class).hasMessage("options");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void builderWithoutAKeyFailsWithAHint() {
        assertThatThrownBy(() -> PoolseAdmin.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("apiKey is required");
    }

    @Test
    void builderRefusesAnEndUserJwtAsTheKeyWithoutQuotingIt() {
        String token = jwt(EXP);
        assertThatThrownBy(() -> PoolseAdmin.builder().apiKey(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like an end-user JWT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    void builderRefusesKeyAndKeyProviderTogether() {
        assertThatThrownBy(() -> PoolseAdmin.builder().apiKey(KEY).apiKeyProvider(() -> KEY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void apiUrlEndingInV1IsRefused() {
        assertThatThrownBy(() -> PoolseAdmin.builder().apiKey(KEY).apiUrl("https://api.poolse.dev/v1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not end with /v1");
    }

    // ---- service accounts ----

    @Test
    void tokenProviderProvisionsOnceAndMintsOnEveryCall() throws Exception {
        TokenProvider provider = admin.tokenProviderFor("support-bot");
        server.enqueue(json(201, USER));
        server.enqueue(token(EXP, EXP));
        server.enqueue(token(EXP, EXP));
        assertThat(provider.getToken()).isEqualTo(jwt(EXP));
        assertThat(provider.getToken()).isEqualTo(jwt(EXP));
        assertThat(List.of(take().getPath(), take().getPath(), take().getPath())).containsExactly("/v1/users",
                "/v1/users/" + USER_ID + "/tokens", "/v1/users/" + USER_ID + "/tokens");
    }

    @Test
    void tokenProviderProvisionsAgainWhenTheUserWasDeleted() throws Exception {
        TokenProvider provider = admin.tokenProviderFor("support-bot");
        server.enqueue(json(201, USER));
        server.enqueue(token(EXP, EXP));
        provider.getToken();
        server.enqueue(json(404, error("user_not_found")));
        server.enqueue(json(201, USER));
        server.enqueue(token(EXP, EXP));
        assertThat(provider.getToken()).isEqualTo(jwt(EXP));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void tokenProviderForRefusesABlankExternalId() {
        assertThatThrownBy(() -> admin.tokenProviderFor("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("externalId must not be blank");
    }

    // ---- lifecycle ----

    @Test
    void callsAfterCloseFailWithTheClosedMessage() {
        admin.close();
        assertThatThrownBy(() -> admin.users()).isInstanceOf(IllegalStateException.class)
                .hasMessage(PoolseAdmin.CLOSED_MESSAGE);
        assertThat(admin.isClosed()).isTrue();
    }

    @Test
    void closeFailsACallStillRunning() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CompletableFuture<UpsertedUser> f = admin.users().upsertAsync("alice");
        take();
        admin.close();
        assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    // ---- the key stays secret ----

    @Test
    void theKeyAppearsInNoLogLineExceptionMessageOrToString() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        List<String> texts = new ArrayList<>();
        try (PoolseAdmin plain = admin(b -> b.maxRetries(1))) {
            server.enqueue(json(503, "{}"));
            server.enqueue(json(201, USER));
            server.enqueue(token(EXP, EXP));
            server.enqueue(json(401, error("unauthorized")));
            server.enqueue(json(422, error("validation_failed")));
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
            texts.add(plain.users().mintTokenFor("alice").toString());
            for (Runnable failing : List.<Runnable>of(() -> plain.users().upsert("alice"),
                    () -> plain.users().upsert("alice"), () -> plain.users().mintToken(USER_ID))) {
                try {
                    failing.run();
                } catch (PoolseException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        texts.add(t.getClass().getName() + ": " + t.getMessage());
                    }
                }
            }
            texts.add(plain.toString());
            texts.add(plain.users().toString());
            texts.add(plain.tokenProviderFor("bot").toString());
            texts.add(PoolseAdmin.builder().apiKey(KEY).toString());
        } finally {
            root.detachAppender(appender);
            root.setLevel(level);
        }
        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        }
        System.out.printf("admin secrets: %d texts checked (%d log events), 0 expected to contain the key%n",
                texts.size(), appender.list.size());
        assertThat(texts).as("failures, log lines and descriptions were captured").hasSizeGreaterThan(8)
                .anySatisfy(t -> assertThat(t).contains("POST /v1/users"))
                .noneSatisfy(t -> assertThat(String.valueOf(t)).contains(KEY));
        assertThat(texts).filteredOn(t -> t != null && t.contains("Bearer")).isEmpty();
    }
}
