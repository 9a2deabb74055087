package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.Calls;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.ResumeFrom;
import dev.poolse.sdk.realtime.UserChannel;
import dev.poolse.sdk.realtime.VoiceRoom;
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
import java.util.concurrent.ExecutionException;
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
    /** The longest close() waits for the engine and then for the listeners, both together. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
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
    private final ConcurrentHashMap<UUID, DefaultVoiceRoom> voiceRooms = new ConcurrentHashMap<>();
    /** Voice room channels from their first join to their last leave. */
    private final java.util.Set<DefaultVoiceRoom.Session> voiceSessions = ConcurrentHashMap.newKeySet();
    /** Created by the first {@link #calls()}; guarded by {@link #lifecycle}. */
    private DefaultCalls calls;
    private volatile RealtimeStatus status = RealtimeStatus.IDLE;
    private volatile boolean closed;
    /** What calls after {@link #close()} are told; the owning client's wording when it closed us. */
    private volatile String closedMessage = "the realtime client is closed";
    /** Engine thread only: the last status handed to the status listeners' lane. */
    private RealtimeStatus announced = RealtimeStatus.IDLE;
    /** Engine thread only: close() is tearing down; it announces CLOSED itself. */
    private boolean tearingDown;
    /** Set by the engine once the lane's final task (CLOSED, then silence) is queued. */
    private volatile boolean finalStatusQueued;
    /** Payload readers by type, shared by the channels (one per channel would cost heap per channel). */
    private final ConcurrentHashMap<Class<?>, TypedPayloadReader> payloadReaders = new ConcurrentHashMap<>();
    /** Engine thread only: lanes given events by the current engine task, started when it ends. */
    private ArrayList<SerialExecutor> lanesToStart = new ArrayList<>();
    /** Engine thread only: the list swapped in while {@link #startLanes()} walks the other one. */
    private ArrayList<SerialExecutor> lanesStarting = new ArrayList<>();

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
                        if (tearingDown) {
                            return;
                        }
                        announced = next;
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
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return statusListeners.add(listener);
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

    @Override
    public Calls calls() {
        synchronized (lifecycle) {
            ensureOpen();
            if (calls == null) {
                calls = new DefaultCalls(this);
                calls.start();
            }
            return calls;
        }
    }

    @Override
    public VoiceRoom voiceRoom(UUID conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        synchronized (lifecycle) {
            ensureOpen();
            return voiceRooms.computeIfAbsent(conversationId, id -> new DefaultVoiceRoom(this, id));
        }
    }

    /** Joins the channel of a voice room's first holder. */
    void startVoice(DefaultVoiceRoom.Session session) {
        synchronized (lifecycle) {
            ensureOpen();
            voiceSessions.add(session);
            started(session);
        }
    }

    void forgetVoice(DefaultVoiceRoom.Session session) {
        voiceSessions.remove(session);
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

    /**
     * {@link #close()}, after which every call that would need an open client (channel requests,
     * listener registration, {@code joined()}, {@code sendTyping()}) fails with
     * {@link IllegalStateException} carrying {@code message}, e.g. the owning {@code Poolse}'s
     * "this Poolse client is closed".
     *
     * @param message what later calls are told; not {@code null}
     */
    public void close(String message) {
        Objects.requireNonNull(message, "message");
        synchronized (lifecycle) {
            if (!closed) {
                closedMessage = message;
            }
        }
        close();
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
            // Leaving a voice room's topic takes the user out of the room on the server too.
            voiceRooms.values().forEach(DefaultVoiceRoom::sessionForClose);
            channels.addAll(voiceSessions);
            conversations.clear();
            users.clear();
            voiceRooms.clear();
        }
        // Channel listeners stop at once: their lanes drop what is queued and ignore what comes.
        for (ChannelBase channel : channels) {
            channel.lane.shutdown();
        }
        // A listener calling close() occupies a callback thread, perhaps the only one: waiting for
        // the lanes to drain would then wait for itself. The engine thread (an event loop, maybe
        // shared with other clients) is not held up for listeners either.
        boolean onOwnThread = socketLane.isCurrentThread() || scheduler.isCurrentThread();
        for (ChannelBase channel : channels) {
            onOwnThread |= channel.lane.isCurrentThread();
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        CountDownLatch done = new CountDownLatch(1);
        Runnable shutdown = () -> {
            try {
                tearingDown = true;
                for (ChannelBase channel : channels) {
                    channel.stop();
                }
                backend.close(); // after the feeds stopped, so the dropped fetches report nothing
                socket.disconnect();
                queueFinalStatus();
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
            if (!done.await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                LOG.warn("realtime engine did not finish closing within {} s", CLOSE_WAIT.toSeconds());
            }
            if (!finalStatusQueued) {
                // No engine to queue CLOSED: still make sure that nothing fires from now on.
                socketLane.shutdown();
                statusListeners.clear();
            }
            if (!onOwnThread) {
                // Until every lane is idle, a listener taken from a queue just before its lane shut
                // down could still start; after this none can, so nothing fires once close() returns.
                List<CompletableFuture<Void>> idle = new ArrayList<>();
                idle.add(socketLane.whenIdle());
                for (ChannelBase channel : channels) {
                    idle.add(channel.lane.whenIdle());
                }
                CompletableFuture.allOf(idle.toArray(new CompletableFuture<?>[0]))
                        .get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("realtime listeners did not finish within {} s of close()", CLOSE_WAIT.toSeconds());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a lane's idle signal cannot fail", e);
        }
        status = RealtimeStatus.CLOSED;
        releaseResources.run();
    }

    /**
     * Engine thread, once the socket is down: queues the status lane's last task, which reports
     * {@link RealtimeStatus#CLOSED} (unless that was the last status reported, after a
     * {@link #disconnect()}) and then silences the lane, so that CLOSED is the last callback even
     * if an error report races with the close.
     */
    private void queueFinalStatus() {
        boolean announce = announced != RealtimeStatus.CLOSED;
        announced = RealtimeStatus.CLOSED;
        socketLane.execute(() -> {
            // Shut first: a task queued behind this one is dropped instead of running after CLOSED.
            socketLane.shutdown();
            if (announce) {
                // The lane is shut, so a throwing listener can only be logged here.
                statusListeners.dispatch(RealtimeStatus.CLOSED,
                        (l, e) -> LOG.warn("a status listener threw on CLOSED", e));
            }
            statusListeners.clear();
        });
        finalStatusQueued = true;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Throws the closed client's {@link IllegalStateException} after {@link #close()}. */
    void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    /** @return a new exception saying that this client is closed */
    IllegalStateException closedException() {
        return new IllegalStateException(closedMessage);
    }

    /** @return whether {@link #close()} has started */
    boolean isClosed() {
        return closed;
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

    /**
     * Queues a listener task on a lane. On the engine thread the lane's drain starts only once the
     * current engine task is over (a task queued behind it starts every such lane): all the frames
     * of one socket read then reach a lane's thread with one wake-up, where a wake-up per event
     * used to cost about as much as decoding the event. Order is unchanged: a lane runs its tasks
     * in queue order whenever its drain starts.
     */
    void dispatchOnLane(SerialExecutor lane, Runnable task) {
        if (!scheduler.isCurrentThread()) {
            lane.execute(task);
        } else if (lane.enqueue(task)) {
            if (lanesToStart.isEmpty()) {
                scheduler.execute(this::startLanes);
            }
            lanesToStart.add(lane);
        }
    }

    /** Engine thread: starts the lanes {@link #dispatchOnLane} left pending. */
    private void startLanes() {
        // Swapped first: with a direct callback executor a listener runs inside start() and may
        // queue on a lane again, which must land in the next batch, not in this loop.
        ArrayList<SerialExecutor> starting = lanesToStart;
        lanesToStart = lanesStarting;
        lanesStarting = starting;
        for (SerialExecutor lane : starting) {
            lane.start();
        }
        starting.clear();
    }

    /** The reader of realtime payloads of a generated type, straight from a frame's parser. */
    FrameCodec.PayloadReader payloadReader(Class<?> type) {
        return payloadReaders.computeIfAbsent(type, t -> new TypedPayloadReader(mapper, t));
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
