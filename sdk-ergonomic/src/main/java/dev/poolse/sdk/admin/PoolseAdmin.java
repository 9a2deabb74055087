package dev.poolse.sdk.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.TokenProvider;
import dev.poolse.sdk.internal.http.Backoff;
import dev.poolse.sdk.internal.http.IdempotencyKeys;
import dev.poolse.sdk.internal.http.RequestPipeline;
import dev.poolse.sdk.internal.http.RetryBudget;
import dev.poolse.sdk.internal.http.RetryPolicy;
import dev.poolse.sdk.internal.http.SharedResources;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of your backend: it holds the tenant API key, provisions users by their id in your
 * system and mints their short-lived end-user JWTs. Web and mobile apps never see the key; they
 * get a token from an endpoint of yours that calls {@link AdminUsersResource#mintTokenFor(String)}.
 *
 * <pre>{@code
 * try (PoolseAdmin admin = PoolseAdmin.builder().apiKey(System.getenv("POOLSE_API_KEY")).build()) {
 *     MintedToken token = admin.users().mintTokenFor("alice");        // provision, then mint
 *     Poolse bot = Poolse.builder().tokenProvider(admin.tokenProviderFor("support-bot")).build();
 * }
 * }</pre>
 *
 * <p><b>Same rules as {@link Poolse}.</b> The calls go through the SDK's one request pipeline: an
 * {@code Idempotency-Key} chosen once per call and sent on every retry, full-jitter backoff that
 * honours {@code Retry-After}, a client-wide retry budget, per-call and per-attempt timeouts, typed
 * exceptions ({@link dev.poolse.sdk.AuthException} for a refused key,
 * {@link dev.poolse.sdk.RateLimitedException}, {@link dev.poolse.sdk.ApiException} with the
 * server's code), and {@code ...Async} futures whose cancellation aborts the exchange. Threads are
 * shared with every {@code Poolse} in the JVM and stop when the last client is closed.
 *
 * <p><b>The key stays here.</b> It is sent only as the {@code Authorization} header of the two
 * API-key routes; this client has no socket, no upload and no raw-request escape hatch, its log
 * lines name only method, path and status, and neither its {@link #toString()}, its builder's nor
 * any exception message contains the key.
 *
 * <p>Immutable and thread-safe; after {@link #close()} every call fails with
 * {@link IllegalStateException} ({@value #CLOSED_MESSAGE}).
 */
public final class PoolseAdmin implements AutoCloseable {
    /** The message of the {@link IllegalStateException} of every call after {@link #close()}. */
    public static final String CLOSED_MESSAGE = RequestPipeline.CLOSED;
    /** Default longest single attempt, response body included. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Poolse.DEFAULT_ATTEMPT_TIMEOUT;
    /** Largest response body read; the two routes answer with a few hundred bytes. */
    static final long MAX_RESPONSE_BYTES = 1024L * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PoolseAdmin.class);

    private final String apiUrl;
    private final boolean keyFromProvider;
    private final SharedResources shared;
    private final RequestPipeline pipeline;
    private final AdminUsersResource users;
    private volatile boolean closed;

    private PoolseAdmin(Builder b, String apiUrl) {
        this.apiUrl = apiUrl;
        this.keyFromProvider = b.apiKeyProvider != null;
        this.shared = SharedResources.acquire();
        Executor callbacks = b.callbackExecutor != null ? b.callbackExecutor : shared.callbacks();
        String key = b.apiKey;
        ApiKeyCredentials credentials = keyFromProvider
                ? new ApiKeyCredentials(b.apiKeyProvider, false) : new ApiKeyCredentials(() -> key, true);
        ObjectMapper mapper = PoolseJson.newObjectMapper();
        RetryPolicy policy = new RetryPolicy(b.maxRetries, new Backoff(b.baseBackoff, b.maxBackoff),
                new RetryBudget(b.retryBudget));
        String userAgent = "poolse-java-admin/" + Poolse.VERSION + " Java/" + System.getProperty("java.version");
        this.pipeline = new RequestPipeline(shared, credentials, policy, mapper, userAgent, callbacks,
                b.timeout, b.attemptTimeout, MAX_RESPONSE_BYTES, b.clock);
        this.users = new AdminUsersResource(this, apiUrl, mapper, pipeline,
                new IdempotencyKeys(b.idempotencyKeyGenerator));
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
     * Users: provision by external id and mint end-user tokens.
     *
     * @return the users resource
     * @throws IllegalStateException after {@link #close()}
     */
    public AdminUsersResource users() {
        ensureOpen();
        return users;
    }

    /**
     * A token provider that makes a {@link Poolse} client act as one user, for a bot or a backend
     * job: {@code Poolse.builder().tokenProvider(admin.tokenProviderFor("support-bot")).build()}.
     *
     * <p>The first call provisions the user ({@code POST /v1/users}, idempotent) and remembers its
     * id; every call then mints a fresh token for it. The client's token cache decides when to
     * call, so expiry, coalescing of concurrent requests and the refresh after a 401 work as with
     * any provider. If the user has been deleted meanwhile ({@code user_not_found}), it is
     * provisioned again once. The provider blocks while it calls the API, which the token cache
     * allows (it runs providers on the SDK's callback threads, bounded by its token timeout); it
     * fails once this client is closed, so close the {@code Poolse} first.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @return a provider of end-user JWTs for that user; its {@code toString()} names the user only
     * @throws NullPointerException if {@code externalId} is {@code null}
     * @throws IllegalArgumentException if {@code externalId} is blank or longer than 255 characters
     * @throws IllegalStateException after {@link #close()}
     */
    public TokenProvider tokenProviderFor(String externalId) {
        AdminUsersResource.checkExternalId(externalId, "externalId");
        ensureOpen();
        return new ServiceAccountTokenProvider(users, externalId);
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw RequestPipeline.closedException();
        }
    }

    /**
     * Fails the calls still running with {@link IllegalStateException} ({@value #CLOSED_MESSAGE}),
     * refuses every later call and releases this client's share of the SDK's threads, which stop
     * when no client is left. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            pipeline.close();
        } finally {
            shared.release();
        }
    }

    /** {@return the URL and where the key comes from, never the key itself} */
    @Override
    public String toString() {
        return "PoolseAdmin{apiUrl=" + apiUrl + ", apiKey=" + (keyFromProvider ? "<from provider>" : "<redacted>")
                + (closed ? ", closed" : "") + "}";
    }

    /**
     * Why {@code key} cannot be a tenant API key, without quoting it, or {@code null} when it can.
     */
    static String problemWithKey(String key) {
        if (key == null) {
            return "it is null";
        }
        if (key.isBlank()) {
            return "it is blank";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return "it contains whitespace or control characters, which cannot go in a header";
            }
        }
        if (key.startsWith("eyJ") && key.chars().filter(c -> c == '.').count() == 2) {
            return "it looks like an end-user JWT; PoolseAdmin needs the tenant API key (pk_...)";
        }
        return null;
    }

    /**
     * Builder of {@link PoolseAdmin}. Not thread-safe; {@link #build()} validates everything and
     * fails fast. Its {@link #toString()} never shows the key.
     */
    public static final class Builder {
        private String apiUrl = Poolse.DEFAULT_API_URL;
        private String apiKey;
        private Supplier<String> apiKeyProvider;
        private int maxRetries = 3;
        private Duration baseBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration timeout;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private int retryBudget = 500;
        private Executor callbackExecutor;
        private Supplier<String> idempotencyKeyGenerator = () -> UUID.randomUUID().toString();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets the API base URL.
         *
         * @param apiUrl base URL without {@code /v1} (http or https); a trailing slash is trimmed.
         *     Default {@value Poolse#DEFAULT_API_URL}
         * @return this
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
            return this;
        }

        /**
         * Sets the tenant API key ({@code pk_live_...}); this or {@link #apiKeyProvider(Supplier)}
         * is required.
         *
         * @param apiKey the key; not blank, no whitespace
         * @return this
         * @throws NullPointerException if {@code apiKey} is {@code null}
         * @throws IllegalArgumentException if it cannot be a key (blank, whitespace, an end-user
         *     JWT); the message does not quote it
         */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            String problem = problemWithKey(apiKey);
            if (problem != null) {
                throw new IllegalArgumentException("apiKey is not usable: " + problem);
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Reads the API key before every attempt instead of fixing it, so that a rotated key is
         * used at once; a 401 is then repeated once with the supplier's next answer. The supplier
         * runs on the thread starting the attempt and must be fast (a field, a file, an
         * environment variable), not a network call. A failure, {@code null} or an unusable value
         * fails the call with {@link dev.poolse.sdk.PoolseException} before anything is sent.
         *
         * @param apiKeyProvider supplies the tenant API key
         * @return this
         */
        public Builder apiKeyProvider(Supplier<String> apiKeyProvider) {
            this.apiKeyProvider = Objects.requireNonNull(apiKeyProvider, "apiKeyProvider");
            return this;
        }

        /**
         * Sets how often a failed call is retried.
         *
         * @param maxRetries retries after the first attempt of each call, default 3 (4 attempts)
         * @return this
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, got: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the first backoff ceiling.
         *
         * @param baseBackoff first backoff ceiling (full jitter below it), default 250 ms
         * @return this
         */
        public Builder baseBackoff(Duration baseBackoff) {
            this.baseBackoff = nonNegative(baseBackoff, "baseBackoff");
            return this;
        }

        /**
         * Sets the cap of a single computed retry delay.
         *
         * @param maxBackoff cap of a single computed retry delay, default 30 s
         * @return this
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Sets the default budget of every call, all attempts and waits included.
         *
         * @param timeout positive; default none (each attempt is still bounded)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets the longest one attempt may take before it is abandoned as a network failure (and
         * retried).
         *
         * @param attemptTimeout positive, default 20 s
         * @return this
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
            return this;
        }

        /**
         * Sets the size of the client-wide retry budget.
         *
         * @param capacity retry tokens (one per retry, one back per success), default 500; 0
         *     disables retries
         * @return this
         */
        public Builder retryBudget(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("retryBudget must not be negative, got: " + capacity);
            }
            this.retryBudget = capacity;
            return this;
        }

        /**
         * Sets where the futures of {@code ...Async} calls are completed.
         *
         * @param executor completes futures; default the SDK's {@code poolse-callback} threads,
         *     never an HTTP thread nor a {@code poolse-rest} thread that sends requests
         * @return this
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how idempotency keys are made.
         *
         * @param generator makes one key per logical call, default random UUIDs
         * @return this
         */
        public Builder idempotencyKeyGenerator(Supplier<String> generator) {
            this.idempotencyKeyGenerator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * Sets the time source of HTTP-date {@code Retry-After} values (tests).
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client; close it when done
         * @throws IllegalStateException without an API key
         * @throws IllegalArgumentException on a malformed URL, an {@code apiUrl} ending in
         *     {@code /v1}, both a key and a key provider, or a {@code maxBackoff} below
         *     {@code baseBackoff}
         */
        public PoolseAdmin build() {
            if (apiKey == null && apiKeyProvider == null) {
                throw new IllegalStateException("apiKey is required: PoolseAdmin.builder().apiKey(System.getenv(\"POOLSE_API_KEY\"))"
                        + " or .apiKeyProvider(...)");
            }
            if (apiKey != null && apiKeyProvider != null) {
                throw new IllegalArgumentException("set apiKey or apiKeyProvider, not both:"
                        + " the client would not know which key to send");
            }
            if (maxBackoff.compareTo(baseBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below baseBackoff ("
                        + baseBackoff + ")");
            }
            String api = normalize(apiUrl);
            if (api.startsWith("http:") && !loopback(URI.create(api).getHost())) {
                LOG.warn("PoolseAdmin sends the tenant API key over plain http to {}; use https outside local"
                        + " development", URI.create(api).getHost());
            }
            return new PoolseAdmin(this, api);
        }

        /** {@return the settings, with the key left out} */
        @Override
        public String toString() {
            return "PoolseAdmin.Builder{apiUrl=" + apiUrl + ", apiKey="
                    + (apiKey != null ? "<redacted>" : apiKeyProvider != null ? "<from provider>" : "<unset>")
                    + ", maxRetries=" + maxRetries + ", timeout=" + timeout + "}";
        }

        private static String normalize(String url) {
            String trimmed = url.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("apiUrl is not a valid URL: " + url, e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("apiUrl must use http or https: " + url);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("apiUrl has no host: " + url);
            }
            if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("apiUrl must not have user info, a query or a fragment: " + url);
            }
            if (trimmed.toLowerCase(Locale.ROOT).endsWith("/v1")) {
                throw new IllegalArgumentException("apiUrl must not end with /v1: the SDK adds /v1 to every path;"
                        + " use " + trimmed.substring(0, trimmed.length() - 3) + " (got " + url + ")");
            }
            return trimmed;
        }

        private static boolean loopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            // Only literal addresses are checked: resolving a name here would be a network call.
            if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got: " + d);
            }
            return d;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got: " + d);
            }
            return d;
        }
    }
}
