package dev.poolse.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageList;
import dev.poolse.sdk.internal.auth.TokenCache;
import dev.poolse.sdk.internal.http.Backoff;
import dev.poolse.sdk.internal.http.IdempotencyKeys;
import dev.poolse.sdk.internal.http.RequestPipeline;
import dev.poolse.sdk.internal.http.RetryBudget;
import dev.poolse.sdk.internal.http.RetryPolicy;
import dev.poolse.sdk.internal.http.SharedResources;
import dev.poolse.sdk.realtime.Calls;
import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.internal.DefaultPoolseRealtime;
import dev.poolse.sdk.realtime.internal.RealtimeBackend;
import dev.poolse.client.model.ConversationEventList;
import dev.poolse.sdk.realtime.internal.RealtimeFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Poolse client: REST resources, the user profile cache and the realtime socket.
 *
 * <pre>{@code
 * try (Poolse chat = Poolse.builder().tokenProvider(() -> myBackend.chatToken()).build()) {
 *     Me me = chat.me().show();
 *     ConversationHandle conv = chat.conversations().one(conversationId);
 *     conv.messages().send(new MessageCreateRequest().body("Hello"));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Every {@code Poolse} in the JVM shares one {@code java.net.http.HttpClient},
 * one scheduler thread (retry waits, timeouts), a bounded pool of {@code poolse-rest} threads and
 * one cached pool of {@code poolse-callback} threads; they are created with the first instance,
 * pool threads start when needed and exit after 30 idle seconds, and all shut down when the last
 * instance is closed. A blocking call sends its requests on the calling thread; an
 * {@code ...Async} call sends each attempt on a {@code poolse-rest} thread with the blocking
 * {@code HttpClient.send}, which needs no thread per call, or, when all of those are busy, with
 * {@code sendAsync} rather than waiting for one. No thread is held during a retry wait. Futures returned by the {@code ...Async} methods are
 * completed on the {@link Builder#callbackExecutor(Executor)} when one is set, otherwise on a
 * {@code poolse-callback} thread, never on an HTTP client or {@code poolse-rest} thread; the
 * token provider and user resolver run on {@code poolse-callback} threads.
 *
 * <p><b>Lifecycle.</b> After {@link #close()} every call fails at once with
 * {@link IllegalStateException} ({@value #CLOSED_MESSAGE}): resource accessors and blocking calls
 * throw it, {@code ...Async} calls return a future completed exceptionally with it, and handles
 * obtained before the close (resources, channels, {@link UsersResource}) refuse too. Calls still
 * running when {@code close()} is called fail with the same exception.
 *
 * <p><b>Bounded waits.</b> No call waits without bound: each API attempt is bounded by
 * {@link Builder#attemptTimeout(Duration)}, the token provider by
 * {@link Builder#tokenTimeout(Duration)} (a call waiting for it fails with
 * {@link RequestTimeoutException}), and the whole call by {@link Builder#timeout(Duration)} when set.
 *
 * <p>Immutable and thread-safe. Instances never share tokens, caches or budgets.
 */
public final class Poolse implements AutoCloseable {
    /**
     * Version of this SDK (its Maven artifact version), sent in the {@code User-Agent}; read from a
     * resource the build writes, {@code "unknown"} when classes run without it.
     */
    public static final String VERSION = readVersion();
    /** The hosted API. */
    public static final String DEFAULT_API_URL = "https://api.poolse.dev";
    /** Default longest single API attempt, response body included. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    /** Default longest wait for the token provider, per provider call. */
    public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(20);
    /** The message of the {@link IllegalStateException} of every call after {@link #close()}. */
    public static final String CLOSED_MESSAGE = RequestPipeline.CLOSED;
    /** Default largest response body read, 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final String apiUrl;
    private final SharedResources shared;
    private final TokenCache tokens;
    private final RestCore core;
    private final RequestPipeline pipeline;
    private final MeResource me;
    private final ConversationsResource conversations;
    private final MessagesResource messages;
    private final AttachmentsResource attachments;
    private final UsersResource users;
    private final RestResource rest;
    private final DevicesResource devices;
    private final IceServersResource iceServers;
    private final CallTokensResource callTokens;
    private final RealtimeSettings realtimeSettings;
    private final Object realtimeLock = new Object();
    private PoolseRealtime realtime;
    private volatile boolean closed;

    private Poolse(Builder b, String apiUrl, RealtimeSettings realtimeSettings) {
        this.apiUrl = apiUrl;
        this.realtimeSettings = realtimeSettings;
        this.shared = SharedResources.acquire();
        Executor callbacks = b.callbackExecutor != null ? b.callbackExecutor : shared.callbacks();
        Supplier<CompletableFuture<String>> fetch = tokenFetch(b, shared);
        this.tokens = new TokenCache(fetch, b.clock, b.tokenTimeout, (delay, task) -> {
            java.util.concurrent.ScheduledFuture<?> f = shared.scheduler().schedule(task, delay.toNanos(),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        });
        ObjectMapper mapper = PoolseJson.newObjectMapper();
        RetryPolicy policy = new RetryPolicy(b.maxRetries, new Backoff(b.baseBackoff, b.maxBackoff),
                new RetryBudget(b.retryBudget));
        String userAgent = "poolse-java/" + VERSION + " Java/" + System.getProperty("java.version");
        this.pipeline = new RequestPipeline(shared, tokens, policy, mapper, userAgent, callbacks,
                b.timeout, b.attemptTimeout, b.maxResponseBytes, b.clock);
        this.core = new RestCore(apiUrl, mapper, pipeline, new IdempotencyKeys(b.idempotencyKeyGenerator));
        this.me = new MeResource(core);
        this.conversations = new ConversationsResource(core);
        this.messages = new MessagesResource(core);
        this.attachments = new AttachmentsResource(core);
        this.users = new UsersResource(b.userResolver, shared.callbacks(), callbacks, b.userCacheSize,
                b.userFailureTtl, b.clock);
        this.rest = new RestResource(core);
        this.devices = new DevicesResource(core);
        this.iceServers = new IceServersResource(core, b.clock);
        this.callTokens = new CallTokensResource(core);
    }

    /**
     * One provider call as a future. The provider's own failures become
     * {@code PoolseException("token provider failed: ...")} with the failure as cause; a client
     * whose threads are gone fails with the closed client's {@link IllegalStateException} instead
     * of blaming the provider. Cancelling the future (the token timeout does) interrupts a blocking
     * provider and leaves an async provider's own future alone.
     */
    private static Supplier<CompletableFuture<String>> tokenFetch(Builder b, SharedResources shared) {
        if (b.asyncTokenProvider != null) {
            AsyncTokenProvider p = b.asyncTokenProvider;
            return () -> {
                java.util.concurrent.CompletionStage<String> stage;
                try {
                    stage = p.getToken();
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(providerFailed(e));
                }
                if (stage == null) {
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<String> out = new CompletableFuture<>();
                stage.whenComplete((token, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        out.completeExceptionally(providerFailed(cause));
                    } else {
                        completeWithToken(out, token);
                    }
                });
                return out;
            };
        }
        TokenProvider p = b.tokenProvider;
        return () -> {
            CompletableFuture<String> out = new CompletableFuture<>();
            java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
                try {
                    completeWithToken(out, p.getToken());
                } catch (Exception e) {
                    out.completeExceptionally(providerFailed(e));
                }
                return null;
            });
            out.whenComplete((token, error) -> {
                if (out.isCancelled()) {
                    task.cancel(true);
                }
            });
            try {
                shared.callbacks().execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.failedFuture(RequestPipeline.closedException());
            }
            return out;
        };
    }

    /**
     * Completes a provider call, refusing a tenant API key: this client sends its token to every
     * end-user route and to the socket, where the key must never go. The key is not quoted.
     */
    private static void completeWithToken(CompletableFuture<String> out, String token) {
        if (token != null && token.startsWith("pk_") && token.chars().filter(c -> c == '.').count() != 2) {
            out.completeExceptionally(new PoolseException("the token provider returned the tenant API key (pk_...),"
                    + " which must stay on your backend; give Poolse an end-user JWT: mint one with"
                    + " PoolseAdmin.users().mintTokenFor(externalId), or use PoolseAdmin.tokenProviderFor(externalId)"));
            return;
        }
        out.complete(token);
    }

    private static PoolseException providerFailed(Throwable cause) {
        return new PoolseException("token provider failed: " + cause, cause);
    }

    private static String readVersion() {
        try (java.io.InputStream in = Poolse.class.getResourceAsStream("poolse-sdk.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            // An unfiltered copy (an IDE build that skipped Maven's filtering) still holds the placeholder.
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the API base URL in use, without trailing slash} */
    public String apiUrl() {
        return apiUrl;
    }

    /**
     * The current user's resource, {@code /v1/me}.
     *
     * @return {@code /v1/me}
     * @throws IllegalStateException after {@link #close()}
     */
    public MeResource me() {
        ensureOpen();
        return me;
    }

    /**
     * Conversations: list, create, and handles by id.
     *
     * @return the conversations resource
     * @throws IllegalStateException after {@link #close()}
     */
    public ConversationsResource conversations() {
        ensureOpen();
        return conversations;
    }

    /**
     * Messages by id: edit, delete, replies and reactions.
     *
     * @return messages by id
     * @throws IllegalStateException after {@link #close()}
     */
    public MessagesResource messages() {
        ensureOpen();
        return messages;
    }

    /**
     * Attachments: upload, download URLs, delete.
     *
     * @return attachments
     * @throws IllegalStateException after {@link #close()}
     */
    public AttachmentsResource attachments() {
        ensureOpen();
        return attachments;
    }

    /**
     * The user profile cache over your {@link UserResolver}.
     *
     * @return the profile cache over your {@link UserResolver}
     * @throws IllegalStateException after {@link #close()}
     */
    public UsersResource users() {
        ensureOpen();
        return users;
    }

    /**
     * Push destinations of the current user (VoIP push tokens), for ringing a callee whose socket
     * is asleep.
     *
     * @return the devices resource
     * @throws IllegalStateException after {@link #close()}
     */
    public DevicesResource devices() {
        ensureOpen();
        return devices;
    }

    /**
     * ICE servers (STUN, TURN with short-lived credentials) for peer-to-peer call media, cached
     * until their TTL.
     *
     * @return the ICE servers resource
     * @throws IllegalStateException after {@link #close()}
     */
    public IceServersResource iceServers() {
        ensureOpen();
        return iceServers;
    }

    /**
     * SFU (LiveKit) access tokens for conversation calls; empty when the deployment has no SFU.
     *
     * @return the call tokens resource
     * @throws IllegalStateException after {@link #close()}
     */
    public CallTokensResource callTokens() {
        ensureOpen();
        return callTokens;
    }

    /**
     * Calls of the current user (ringing, answering, hanging up) with the call state machine; the
     * same as {@code realtime().calls()}. Opens the realtime socket and the user's channel.
     *
     * @return the calls client of this instance
     * @throws IllegalStateException after {@link #close()}
     */
    public Calls calls() {
        return realtime().calls();
    }

    /**
     * The raw request escape hatch, for routes this SDK does not wrap yet.
     *
     * @return the raw request escape hatch
     * @throws IllegalStateException after {@link #close()}
     */
    public RestResource rest() {
        ensureOpen();
        return rest;
    }

    /**
     * Drops the cached end-user token, so that the next call (REST or socket connect) asks the
     * token provider again. Use it when the token stops being valid before its {@code exp}, e.g.
     * after a role change or a sign-out on your backend; a 401 does this on its own. A provider
     * call already running is not affected.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void invalidateToken() {
        ensureOpen();
        tokens.invalidate();
    }

    private void ensureOpen() {
        if (closed) {
            throw RequestPipeline.closedException();
        }
    }

    /**
     * The realtime client, created on first use; it stays dormant (no socket, no token request)
     * until the first channel is requested.
     *
     * @return the realtime client of this instance
     * @throws IllegalStateException after {@link #close()}
     */
    public PoolseRealtime realtime() {
        synchronized (realtimeLock) {
            ensureOpen();
            if (realtime == null) {
                realtime = RealtimeFactory.create(realtimeSettings, new Backend());
            }
            return realtime;
        }
    }

    /**
     * Closes the realtime socket (leaving every channel) and releases this instance's share of the
     * HTTP client and threads. Idempotent.
     *
     * <p>Calls still running fail with {@link IllegalStateException} ({@value #CLOSED_MESSAGE}),
     * and so does every later call, including calls on resources, channels and the users cache
     * obtained before (see the class documentation).
     *
     * <p>When the realtime client was used, its status listeners get
     * {@link dev.poolse.sdk.realtime.RealtimeStatus#CLOSED} as their last callback, and no listener
     * is called after this returns (see {@link PoolseRealtime#close()}, including the case of a
     * call from a listener).
     */
    @Override
    public void close() {
        PoolseRealtime rt;
        synchronized (realtimeLock) {
            if (closed) {
                return;
            }
            closed = true;
            rt = realtime;
            realtime = null;
        }
        try {
            if (rt instanceof DefaultPoolseRealtime own) {
                own.close(CLOSED_MESSAGE);
            } else if (rt != null) {
                rt.close();
            }
        } finally {
            // After the realtime client, whose catch-up fetches are stopped without a report.
            pipeline.close();
            users.close();
            shared.release();
        }
    }

    /** What the realtime layer may use: the token cache and one REST call. */
    private final class Backend implements RealtimeBackend {
        @Override
        public CompletableFuture<String> currentToken() {
            return tokens.get();
        }

        @Override
        public void invalidateToken() {
            tokens.invalidate();
        }

        @Override
        public CompletableFuture<List<Message>> listMessages(UUID conversationId, Long beforeSequence, int limit) {
            MessageQuery q = MessageQuery.newest(limit);
            return conversations.one(conversationId).messages()
                    .listAsync(beforeSequence == null ? q : q.before(beforeSequence))
                    .thenApply(l -> l == null || l.getData() == null ? List.<Message>of() : l.getData());
        }

        @Override
        public CompletableFuture<ConversationEventList> listEvents(UUID conversationId, long afterRevision, int limit) {
            return conversations.one(conversationId).messages().eventsAsync(afterRevision, limit);
        }

        @Override
        public CompletableFuture<UUID> currentUserId() {
            // The JWT's sub is the user id; an opaque token needs one GET /v1/me.
            return tokens.get().thenCompose(token -> dev.poolse.sdk.internal.auth.JwtExpiry.subject(token)
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> me.showAsync().thenApply(m -> m.getId())));
        }
    }

    /**
     * Builder of {@link Poolse}. Not thread-safe; {@link #build()} validates everything and fails
     * fast.
     */
    public static final class Builder {
        private String apiUrl = DEFAULT_API_URL;
        private TokenProvider tokenProvider;
        private AsyncTokenProvider asyncTokenProvider;
        private UserResolver userResolver;
        private String wsUrl;
        private String socketPath = "/socket";
        private int maxRetries = 3;
        private Duration baseBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Supplier<String> idempotencyKeyGenerator = () -> UUID.randomUUID().toString();
        private Consumer<Throwable> onSocketError;
        private Executor callbackExecutor;
        private Consumer<RealtimeSettings.Builder> realtime = r -> {};
        private Duration timeout;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private Duration tokenTimeout = DEFAULT_TOKEN_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int retryBudget = 500;
        private int userCacheSize = UsersResource.DEFAULT_MAX_ENTRIES;
        private Duration userFailureTtl = UsersResource.DEFAULT_FAILURE_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * {@return this}
         *
         * @param apiUrl base URL without {@code /v1} (http or https); a trailing slash is trimmed.
         *     Default {@value Poolse#DEFAULT_API_URL}
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
            return this;
        }

        /**
         * Required (or {@link #asyncTokenProvider}, but not both): supplies the end-user JWT; see
         * {@link TokenProvider}.
         *
         * @param tokenProvider the provider
         * @return this
         */
        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
            return this;
        }

        /**
         * Non-blocking alternative to {@link #tokenProvider(TokenProvider)}; setting both fails
         * {@link #build()}.
         *
         * @param tokenProvider the provider
         * @return this
         */
        public Builder asyncTokenProvider(AsyncTokenProvider tokenProvider) {
            this.asyncTokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
            return this;
        }

        /**
         * {@return this}
         *
         * @param userResolver resolves external ids to profiles for {@link Poolse#users()}; optional
         */
        public Builder userResolver(UserResolver userResolver) {
            this.userResolver = Objects.requireNonNull(userResolver, "userResolver");
            return this;
        }

        /**
         * {@return this}
         *
         * @param wsUrl WebSocket base URL (ws or wss); default: the API URL with http→ws, https→wss
         */
        public Builder wsUrl(String wsUrl) {
            this.wsUrl = Objects.requireNonNull(wsUrl, "wsUrl");
            return this;
        }

        /**
         * {@return this}
         *
         * @param socketPath Phoenix mount point, default {@code /socket}
         */
        public Builder socketPath(String socketPath) {
            this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
            return this;
        }

        /**
         * {@return this}
         *
         * @param maxRetries retries after the first attempt of each call, default 3 (4 attempts)
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, got: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * {@return this}
         *
         * @param baseBackoff first backoff ceiling, default 250 ms
         */
        public Builder baseBackoff(Duration baseBackoff) {
            this.baseBackoff = nonNegative(baseBackoff, "baseBackoff");
            return this;
        }

        /**
         * {@return this}
         *
         * @param maxBackoff cap of a single computed retry delay, default 30 s
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * {@return this}
         *
         * @param generator makes idempotency keys, default random UUIDs
         */
        public Builder idempotencyKeyGenerator(Supplier<String> generator) {
            this.idempotencyKeyGenerator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * {@return this}
         *
         * @param handler receives non-fatal socket errors, on the callback executor
         */
        public Builder onSocketError(Consumer<Throwable> handler) {
            this.onSocketError = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * {@return this}
         *
         * @param executor completes futures and runs listeners; default: SDK {@code poolse-callback} threads
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * {@return this}
         *
         * @param customizer adjusts advanced realtime settings (heartbeat, typing throttle, frame size)
         */
        public Builder realtime(Consumer<RealtimeSettings.Builder> customizer) {
            this.realtime = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * {@return this}
         *
         * @param timeout default budget of every call, all attempts included; default none
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, got: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the longest one API attempt may take.
         *
         * @param attemptTimeout longest one API attempt may take, response body included, before
         *     it is abandoned and treated as a network failure (so retried); default 20 s. A storage
         *     upload's attempt may take this plus one second per 16 KiB of the file, as its
         *     duration grows with size (a 25 MiB file: about 27 minutes).
         * @return this
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
                throw new IllegalArgumentException("attemptTimeout must be positive, got: " + attemptTimeout);
            }
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /**
         * Sets the longest one token provider call may take.
         *
         * @param tokenTimeout longest one token provider call may take (sync or async), default
         *     20 s ({@link Poolse#DEFAULT_TOKEN_TIMEOUT}); then the calls waiting for it fail with
         *     {@link RequestTimeoutException}, even without a call {@link #timeout(Duration)}, and
         *     the next call asks the provider again (a blocking provider is interrupted). The
         *     realtime socket's wait for a token is bounded by its connect timeout as well.
         * @return this
         */
        public Builder tokenTimeout(Duration tokenTimeout) {
            Objects.requireNonNull(tokenTimeout, "tokenTimeout");
            if (tokenTimeout.isZero() || tokenTimeout.isNegative()) {
                throw new IllegalArgumentException("tokenTimeout must be positive, got: " + tokenTimeout);
            }
            this.tokenTimeout = tokenTimeout;
            return this;
        }

        /**
         * Sets the largest response body the SDK reads into memory.
         *
         * @param bytes largest response body the SDK reads into memory, default 16 MiB; a larger one
         *     fails the call with {@link ResponseTooLargeException}
         * @return this
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive, got: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * {@return this}
         *
         * @param capacity size of the client-wide retry token bucket (one token per retry, one back
         *     per success), default 500; 0 disables retries
         */
        public Builder retryBudget(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("retryBudget must not be negative, got: " + capacity);
            }
            this.retryBudget = capacity;
            return this;
        }

        /**
         * {@return this}
         *
         * @param maxEntries users kept by {@link Poolse#users()}, least recently used evicted; positive
         */
        public Builder userCacheSize(int maxEntries) {
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("userCacheSize must be positive, got: " + maxEntries);
            }
            this.userCacheSize = maxEntries;
            return this;
        }

        /**
         * {@return this}
         *
         * @param ttl how long a resolver failure is remembered, default 5 s
         */
        public Builder userFailureTtl(Duration ttl) {
            this.userFailureTtl = nonNegative(ttl, "userFailureTtl");
            return this;
        }

        /**
         * {@return this}
         *
         * @param clock time source for token expiry and {@code Retry-After} dates (tests)
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the client}
         *
         * @throws IllegalStateException without a token provider
         * @throws IllegalArgumentException on a malformed URL, an {@code apiUrl} ending in
         *     {@code /v1}, both token providers set, or other inconsistent settings
         */
        public Poolse build() {
            if (tokenProvider == null && asyncTokenProvider == null) {
                throw new IllegalStateException("tokenProvider is required: Poolse.builder().tokenProvider(() -> ...)");
            }
            if (tokenProvider != null && asyncTokenProvider != null) {
                throw new IllegalArgumentException("set tokenProvider or asyncTokenProvider, not both:"
                        + " the client would not know which one to ask for tokens");
            }
            if (maxBackoff.compareTo(baseBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below baseBackoff (" + baseBackoff + ")");
            }
            String api = normalize(apiUrl, "apiUrl", "http", "https");
            if (api.toLowerCase(java.util.Locale.ROOT).endsWith("/v1")) {
                throw new IllegalArgumentException("apiUrl must not end with /v1: the SDK adds /v1 to every path,"
                        + " so requests would go to /v1/v1/...; use " + api.substring(0, api.length() - 3)
                        + " (got " + apiUrl + ")");
            }
            String ws = wsUrl != null ? normalize(wsUrl, "wsUrl", "ws", "wss")
                    : (api.startsWith("https:") ? "wss:" + api.substring(6) : "ws:" + api.substring(5));
            RealtimeSettings.Builder rb = RealtimeSettings.builder().wsUrl(URI.create(ws)).socketPath(socketPath)
                    .onSocketError(onSocketError).callbackExecutor(callbackExecutor);
            realtime.accept(rb);
            return new Poolse(this, api, rb.build());
        }

        private static String normalize(String url, String name, String... schemes) {
            String trimmed = url.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(name + " is not a valid URL: " + url, e);
            }
            String scheme = uri.getScheme();
            if (scheme == null || java.util.Arrays.stream(schemes).noneMatch(scheme::equalsIgnoreCase)) {
                throw new IllegalArgumentException(name + " must use " + String.join(" or ", schemes) + ": " + url);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException(name + " has no host: " + url);
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(name + " must not have a query or fragment: " + url);
            }
            return trimmed;
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got: " + d);
            }
            return d;
        }
    }
}
