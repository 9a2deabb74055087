package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.ResumeFrom;
import dev.poolse.sdk.realtime.UserChannel;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.Cancellable;
import dev.poolse.sdk.realtime.phoenix.FrameCodec;
import dev.poolse.sdk.realtime.phoenix.PhoenixSocket;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import dev.poolse.sdk.realtime.phoenix.Transport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PoolseRealtime} implementation: a {@link PhoenixSocket} confined to one
 * {@link Scheduler} (an event loop in production), channel handles, and listener lanes over the
 * callback executor. Public methods only hand work to the scheduler; they never block on I/O.
 */
public final class DefaultPoolseRealtime implements PoolseRealtime {
    /** Phoenix's join and push reply timeout. */
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPoolseRealtime.class);

    private final RealtimeSettings settings;
    private final CatchUpLimiter backend;
    private final Scheduler scheduler;
    private final Executor callbackExecutor;
    private final ObjectMapper mapper;
    private final Backoff rejoinBackoff;
    private final Runnable releaseResources;
    private final PhoenixSocket socket;
    private final SerialExecutor socketLane;
    private final ListenerSet<RealtimeStatus> statusListeners = new ListenerSet<>();
    private final ConcurrentHashMap<UUID, DefaultConversationChannel> conversations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, DefaultUserChannel> users = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private volatile RealtimeStatus status = RealtimeStatus.IDLE;
    private volatile boolean closed;

    /**
     * A dormant client.
     *
     * @param settings configuration
     * @param backend tokens and REST pages
     * @param scheduler the engine thread and clock
     * @param transport opens WebSocket connections on the scheduler's thread
     * @param callbackExecutor where listeners run
     * @param mapper the JSON mapper of the generated client
     * @param reconnectBackoff socket reconnect schedule
     * @param rejoinBackoff channel rejoin (and gap-fill retry) schedule
     * @param releaseResources run once at the end of {@link #close()}, off the engine thread
     */
    public DefaultPoolseRealtime(RealtimeSettings settings, RealtimeBackend backend, Scheduler scheduler,
            Transport transport, Executor callbackExecutor, ObjectMapper mapper, Backoff reconnectBackoff,
            Backoff rejoinBackoff, Runnable releaseResources) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // Every channel fetches after each join: bound them so a reconnect of a socket with many
        // channels does not start one REST call per channel at once.
        this.backend = new CatchUpLimiter(Objects.requireNonNull(backend, "backend"),
                CatchUpLimiter.DEFAULT_MAX_IN_FLIGHT);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.rejoinBackoff = Objects.requireNonNull(rejoinBackoff, "rejoinBackoff");
        this.releaseResources = Objects.requireNonNull(releaseResources, "releaseResources");
        this.socketLane = new SerialExecutor(callbackExecutor);
        this.socket = new PhoenixSocket(scheduler, Objects.requireNonNull(transport, "transport"),
                new FrameCodec(mapper), this::endpoint, settings.heartbeatInterval(), reconnectBackoff,
                new PhoenixSocket.Listener() {
                    @Override
                    public void onStatus(RealtimeStatus next) {
                        status = next;
                        socketLane.execute(() -> statusListeners.dispatch(next,
                                (l, e) -> reportListenerFailure("socket", "status", e)));
                    }

                    @Override
                    public void onError(RealtimeException error) {
                        reportError(error);
                    }

                    @Override
                    public void onAuthRefused() {
                        backend.invalidateToken();
                    }
                });
    }

    /**
     * The socket URL for the next attempt, with a current token: {@code
     * {wsUrl}{socketPath}/websocket?token=<urlencoded>&vsn=2.0.0}.
     *
     * @param wsUrl base URL
     * @param socketPath mount point
     * @param token the token, or {@code null} for none
     * @return the URL
     */
    public static URI socketUri(URI wsUrl, String socketPath, String token) {
        String base = wsUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder url = new StringBuilder(base).append(socketPath).append("/websocket?");
        if (token != null) {
            url.append("token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8)).append('&');
        }
        url.append("vsn=2.0.0");
        return URI.create(url.toString());
    }

    /** Engine thread: the URL of the next attempt, failing if the token takes longer than a connect. */
    private CompletableFuture<URI> endpoint() {
        CompletableFuture<URI> uri = backend.currentToken()
                .thenApply(token -> socketUri(settings.wsUrl(), settings.socketPath(), token));
        // A token provider that never answers must not leave the socket connecting forever.
        Cancellable guard = scheduler.schedule(settings.connectTimeout(), () -> uri.completeExceptionally(
                new TimeoutException("no token within " + settings.connectTimeout().toMillis() + " ms")));
        uri.whenComplete((u, e) -> guard.cancel());
        return uri;
    }

    @Override
    public RealtimeStatus status() {
        return status;
    }

    @Override
    public Subscription onStatus(Consumer<? super RealtimeStatus> listener) {
        return statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void connect() {
        ensureOpen();
        scheduler.execute(() -> {
            if (!closed) {
                socket.connect();
            }
        });
    }

    @Override
    public void disconnect() {
        scheduler.execute(() -> {
            if (!closed) {
                socket.disconnect();
            }
        });
    }

    @Override
    public ConversationChannel conversation(UUID conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        synchronized (lifecycle) {
            ensureOpen();
            return conversations.computeIfAbsent(conversationId, id -> started(new DefaultConversationChannel(this, id)));
        }
    }

    @Override
    public ConversationChannel conversation(UUID conversationId, ResumeFrom from) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(from, "from");
        if (from.lastSeenSequence().isEmpty()) {
            ConversationChannel existing = conversations.get(conversationId);
            if (existing instanceof DefaultConversationChannel c && c.resumeFrom().lastSeenSequence().isPresent()) {
                throw alreadyOpen(conversationId, c.resumeFrom(), from);
            }
            return conversation(conversationId);
        }
        synchronized (lifecycle) {
            ensureOpen();
            DefaultConversationChannel existing = conversations.get(conversationId);
            if (existing != null) {
                if (!existing.resumeFrom().equals(from)) {
                    throw alreadyOpen(conversationId, existing.resumeFrom(), from);
                }
                return existing;
            }
            // Started by its first onMessage listener, so that listener sees the catch-up.
            DefaultConversationChannel channel = new DefaultConversationChannel(this, conversationId, from);
            conversations.put(conversationId, channel);
            return channel;
        }
    }

    private static IllegalStateException alreadyOpen(UUID conversationId, ResumeFrom open, ResumeFrom asked) {
        return new IllegalStateException("the channel of conversation " + conversationId + " is already open with "
                + open + ", not " + asked + "; a starting point applies only to a new channel: leave it first");
    }

    /** Joins a channel that waited for its first listener; idempotent per channel by the caller. */
    void startDeferred(DefaultConversationChannel channel) {
        synchronized (lifecycle) {
            if (closed || conversations.get(channel.conversationId()) != channel) {
                return; // left or closed before its first listener
            }
            started(channel);
        }
    }

    @Override
    public UserChannel user(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        synchronized (lifecycle) {
            ensureOpen();
            return users.computeIfAbsent(userId, id -> started(new DefaultUserChannel(this, id)));
        }
    }

    private <C extends ChannelBase> C started(C channel) {
        scheduler.execute(() -> {
            if (!closed) {
                channel.start();
                socket.connect();
            }
        });
        return channel;
    }

    @Override
    public void leave(UUID conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        DefaultConversationChannel channel = conversations.remove(conversationId);
        if (channel != null) {
            channel.lane.shutdown();
            scheduler.execute(channel::stop);
        }
    }

    @Override
    public void close() {
        List<ChannelBase> channels;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            channels = new ArrayList<>(conversations.values());
            channels.addAll(users.values());
            conversations.clear();
            users.clear();
        }
        // From here on no listener runs: lanes drop what is queued and ignore what comes.
        statusListeners.clear();
        socketLane.shutdown();
        for (ChannelBase channel : channels) {
            channel.lane.shutdown();
        }
        CountDownLatch done = new CountDownLatch(1);
        Runnable shutdown = () -> {
            try {
                for (ChannelBase channel : channels) {
                    channel.stop();
                }
                backend.close(); // after the feeds stopped, so the dropped fetches report nothing
                socket.disconnect();
            } finally {
                done.countDown();
            }
        };
        if (scheduler.isCurrentThread()) {
            // Called from the engine thread itself (e.g. a listener on a direct executor): waiting
            // for a task queued behind the current one would only time out.
            shutdown.run();
        } else {
            scheduler.execute(shutdown);
        }
        try {
            // Bounded: if the engine thread is gone already the shutdown has nothing left to do.
            if (!done.await(5, TimeUnit.SECONDS)) {
                LOG.warn("realtime engine did not finish closing within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status = RealtimeStatus.CLOSED;
        releaseResources.run();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the realtime client is closed");
        }
    }

    void forget(ChannelBase channel) {
        if (channel instanceof DefaultConversationChannel c) {
            conversations.remove(c.conversationId(), c);
        } else if (channel instanceof DefaultUserChannel u) {
            users.remove(u.userId(), u);
        }
    }

    void reportError(RealtimeException error) {
        Consumer<Throwable> handler = settings.onSocketError();
        if (handler == null) {
            LOG.warn("realtime: {}", error.getMessage(), error.getCause());
            return;
        }
        socketLane.execute(() -> {
            try {
                handler.accept(error);
            } catch (RuntimeException e) {
                LOG.warn("onSocketError handler threw", e);
            }
        });
    }

    void reportListenerFailure(String topic, String event, Throwable failure) {
        reportError(new RealtimeException("a listener of " + event + " on " + topic + " threw", failure));
    }

    RealtimeSettings settings() {
        return settings;
    }

    RealtimeBackend backend() {
        return backend;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Executor callbackExecutor() {
        return callbackExecutor;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    Backoff rejoinBackoff() {
        return rejoinBackoff;
    }

    PhoenixSocket socket() {
        return socket;
    }
}
