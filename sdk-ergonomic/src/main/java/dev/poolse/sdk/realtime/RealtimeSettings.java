package dev.poolse.sdk.realtime;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.TrustManagerFactory;

/**
 * Immutable realtime configuration. {@code Poolse.builder()} fills it from its own settings
 * ({@code wsUrl}, {@code socketPath}, {@code onSocketError}, {@code callbackExecutor}); the advanced
 * knobs are reached through {@code Poolse.builder().realtime(b -> b.heartbeatInterval(...))}.
 */
public final class RealtimeSettings {
    /** Phoenix's default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** Default client-side throttle of {@code sendTyping()}. */
    public static final Duration DEFAULT_TYPING_INTERVAL = Duration.ofSeconds(2);
    /** Default maximum inbound WebSocket frame size. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Default bound on TCP connect, TLS handshake and WebSocket upgrade together. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default ring timeout of calls, in both directions (as the TypeScript SDK). */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(45);
    /** Default number of pushes a channel holds while it is not joined. */
    public static final int DEFAULT_PUSH_BUFFER_LIMIT = 100;

    private final URI wsUrl;
    private final String socketPath;
    private final Duration heartbeatInterval;
    private final Duration typingInterval;
    private final int maxFrameBytes;
    private final Consumer<Throwable> onSocketError;
    private final Executor callbackExecutor;
    private final TrustManagerFactory trustManagerFactory;
    private final EventLoopGroup eventLoopGroup;
    private final Duration connectTimeout;
    private final int pushBufferLimit;
    private final Duration ringTimeout;

    private RealtimeSettings(Builder b) {
        this.wsUrl = Objects.requireNonNull(b.wsUrl, "wsUrl");
        this.socketPath = b.socketPath;
        this.heartbeatInterval = b.heartbeatInterval;
        this.typingInterval = b.typingInterval;
        this.maxFrameBytes = b.maxFrameBytes;
        this.onSocketError = b.onSocketError;
        this.callbackExecutor = b.callbackExecutor;
        this.trustManagerFactory = b.trustManagerFactory;
        this.eventLoopGroup = b.eventLoopGroup;
        this.connectTimeout = b.connectTimeout;
        this.pushBufferLimit = b.pushBufferLimit;
        this.ringTimeout = b.ringTimeout;
    }

    /**
     * A new builder with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with these settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.wsUrl = wsUrl;
        b.socketPath = socketPath;
        b.heartbeatInterval = heartbeatInterval;
        b.typingInterval = typingInterval;
        b.maxFrameBytes = maxFrameBytes;
        b.onSocketError = onSocketError;
        b.callbackExecutor = callbackExecutor;
        b.trustManagerFactory = trustManagerFactory;
        b.eventLoopGroup = eventLoopGroup;
        b.connectTimeout = connectTimeout;
        b.pushBufferLimit = pushBufferLimit;
        b.ringTimeout = ringTimeout;
        return b;
    }

    /** {@return the base WebSocket URL (scheme ws or wss), without the socket path} */
    public URI wsUrl() { return wsUrl; }
    /** {@return the Phoenix mount point, default {@code /socket}} */
    public String socketPath() { return socketPath; }
    /** {@return the heartbeat interval; a missing reply by the next beat reconnects} */
    public Duration heartbeatInterval() { return heartbeatInterval; }
    /** {@return the minimum spacing between two {@code typing} pushes of one channel} */
    public Duration typingInterval() { return typingInterval; }
    /** {@return the largest inbound frame accepted, in bytes} */
    public int maxFrameBytes() { return maxFrameBytes; }
    /** {@return the receiver of non-fatal socket errors; may be {@code null}} */
    public Consumer<Throwable> onSocketError() { return onSocketError; }
    /** {@return where listeners run; {@code null} means the SDK's default} */
    public Executor callbackExecutor() { return callbackExecutor; }
    /** {@return the trust material for {@code wss}; {@code null} means the JDK's default trust store} */
    public TrustManagerFactory trustManagerFactory() { return trustManagerFactory; }
    /** {@return the Netty group to run on; {@code null} means the SDK's JVM-wide shared group} */
    public EventLoopGroup eventLoopGroup() { return eventLoopGroup; }
    /** {@return the bound on TCP connect, TLS handshake and WebSocket upgrade together} */
    public Duration connectTimeout() { return connectTimeout; }
    /** {@return how many pushes a channel holds while not joined; further ones are dropped and reported} */
    public int pushBufferLimit() { return pushBufferLimit; }
    /** {@return how long a call rings, out or in, before the SDK gives up; zero rings until answered} */
    public Duration ringTimeout() { return ringTimeout; }

    /** Builder of {@link RealtimeSettings}. Not thread-safe. */
    public static final class Builder {
        private URI wsUrl;
        private String socketPath = "/socket";
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration typingInterval = DEFAULT_TYPING_INTERVAL;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Consumer<Throwable> onSocketError;
        private Executor callbackExecutor;
        private TrustManagerFactory trustManagerFactory;
        private EventLoopGroup eventLoopGroup;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int pushBufferLimit = DEFAULT_PUSH_BUFFER_LIMIT;
        private Duration ringTimeout = DEFAULT_RING_TIMEOUT;

        private Builder() {}

        /**
         * How long a call rings before the SDK gives up: an outgoing ring is cancelled, an
         * incoming one declined (so a crashed caller cannot ring a phone forever). The server holds
         * no timer of its own.
         *
         * @param timeout zero (ring until answered) or positive; default 45 seconds
         * @return this builder
         */
        public Builder ringTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "ringTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("ringTimeout must not be negative");
            }
            this.ringTimeout = timeout;
            return this;
        }

        /**
         * Base WebSocket URL; scheme must be ws or wss.
         *
         * @param wsUrl ws:// or wss:// URL
         * @return this builder
         */
        public Builder wsUrl(URI wsUrl) {
            Objects.requireNonNull(wsUrl, "wsUrl");
            String scheme = wsUrl.getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("wsUrl must use ws or wss, got: " + wsUrl);
            }
            this.wsUrl = wsUrl;
            return this;
        }

        /**
         * Phoenix mount point; must start with '/'.
         *
         * @param socketPath the path, starting with {@code /}
         * @return this builder
         */
        public Builder socketPath(String socketPath) {
            Objects.requireNonNull(socketPath, "socketPath");
            if (!socketPath.startsWith("/")) {
                throw new IllegalArgumentException("socketPath must start with '/', got: " + socketPath);
            }
            this.socketPath = socketPath;
            return this;
        }

        /**
         * Heartbeat interval; must be positive.
         *
         * @param interval positive interval
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeatInterval");
            return this;
        }

        /**
         * Typing throttle; zero disables throttling, negative is rejected.
         *
         * @param interval zero or positive interval
         * @return this builder
         */
        public Builder typingInterval(Duration interval) {
            Objects.requireNonNull(interval, "typingInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("typingInterval must not be negative");
            }
            this.typingInterval = interval;
            return this;
        }

        /**
         * Largest inbound frame accepted, in bytes; must be positive.
         *
         * @param bytes positive size in bytes
         * @return this builder
         */
        public Builder maxFrameBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxFrameBytes must be positive, got: " + bytes);
            }
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * Receives non-fatal socket errors (refused upgrades, dropped connections).
         *
         * @param handler the handler, or {@code null}
         * @return this builder
         */
        public Builder onSocketError(Consumer<Throwable> handler) {
            this.onSocketError = handler;
            return this;
        }

        /**
         * Where listeners run. Never a Netty event loop.
         *
         * @param executor the executor, or {@code null} for the SDK's default
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /**
         * Trust material for {@code wss} connections, e.g. a private CA. Certificate and hostname
         * verification stay on; {@code null} restores the JDK's default trust store.
         *
         * @param factory the trust material, or {@code null}
         * @return this builder
         */
        public Builder trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagerFactory = factory;
            return this;
        }

        /**
         * A Netty group to run on instead of the SDK's JVM-wide shared one; it must be an NIO group
         * (on Netty 4.2 {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())}, on 4.1
         * {@code new NioEventLoopGroup()}). The client uses
         * one of its loops for its connection, protocol state and timers. The SDK never shuts a
         * group it was given down; the application does, after closing the client.
         *
         * @param group an NIO event loop group, or {@code null} for the shared one
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /**
         * Bound on TCP connect, TLS handshake and WebSocket upgrade together; must be positive.
         *
         * @param timeout positive timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How many pushes a channel holds while not joined; must not be negative.
         *
         * @param limit zero or more pushes
         * @return this builder
         */
        public Builder pushBufferLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("pushBufferLimit must not be negative, got: " + limit);
            }
            this.pushBufferLimit = limit;
            return this;
        }

        /**
         * The immutable settings; fails when {@code wsUrl} is unset.
         *
         * @return the settings
         */
        public RealtimeSettings build() {
            if (wsUrl == null) {
                throw new IllegalStateException("wsUrl is required");
            }
            return new RealtimeSettings(this);
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
