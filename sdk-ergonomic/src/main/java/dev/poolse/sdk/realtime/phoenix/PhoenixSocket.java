package dev.poolse.sdk.realtime.phoenix;

import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.UpgradeRefusedException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A Phoenix socket: one WebSocket connection at a time, heartbeats, reconnects with backoff and
 * the routing of inbound frames to channels by topic.
 *
 * <p>Behaviour follows the official JavaScript client 1.8: a heartbeat every interval, and a
 * heartbeat still unanswered at the next beat closes the connection and reconnects; any close the
 * client did not ask for reconnects on the reconnect {@link Backoff}, reset on open; the URL is
 * computed again before every attempt so a fresh token is used.
 *
 * <p>Confined to its {@link Scheduler}'s thread: every method must be called on it.
 */
public final class PhoenixSocket {
    /** Topic of heartbeats. */
    public static final String PHOENIX_TOPIC = "phoenix";
    /** WebSocket close code for an orderly close. */
    public static final int NORMAL_CLOSE = 1000;

    /** Receives socket-level events; called on the scheduler thread, must not block. */
    public interface Listener {
        /**
         * The status changed.
         *
         * @param status the new status
         */
        void onStatus(RealtimeStatus status);

        /**
         * A non-fatal error happened; the socket recovers on its own.
         *
         * @param error what happened
         */
        void onError(RealtimeException error);

        /** The server refused the upgrade with 401 or 403: the token in use must not be reused. */
        void onAuthRefused();
    }

    private final Scheduler scheduler;
    private final Transport transport;
    private final FrameCodec codec;
    private final FrameCodec.PayloadTypes payloadTypes = this::payloadReader;
    private final Supplier<CompletableFuture<URI>> endpoint;
    private final Duration heartbeatInterval;
    private final Listener listener;
    private final RetryTimer reconnectTimer;
    private final Map<String, PhoenixChannel> channels = new LinkedHashMap<>();
    private final Map<String, Push> replies = new HashMap<>();

    private RealtimeStatus status = RealtimeStatus.IDLE;
    private boolean wanted;
    private boolean open;
    private Transport.Connection connection;
    private int generation;
    private long refCounter;
    private String pendingHeartbeatRef;
    private Cancellable heartbeatTimer;

    /**
     * A dormant socket.
     *
     * @param scheduler the thread and clock of this socket
     * @param transport opens connections
     * @param codec frame codec
     * @param endpoint computes the full URL (token included) before every attempt
     * @param heartbeatInterval heartbeat period
     * @param reconnectBackoff delays between reconnect attempts
     * @param listener socket events
     */
    public PhoenixSocket(Scheduler scheduler, Transport transport, FrameCodec codec,
            Supplier<CompletableFuture<URI>> endpoint, Duration heartbeatInterval, Backoff reconnectBackoff,
            Listener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.reconnectTimer = new RetryTimer(scheduler, Objects.requireNonNull(reconnectBackoff, "reconnectBackoff"),
                this::attempt);
    }

    /**
     * The scheduler this socket is confined to.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * The current status.
     *
     * @return the status
     */
    public RealtimeStatus status() {
        return status;
    }

    /**
     * Whether a connection is open.
     *
     * @return {@code true} when frames can be sent
     */
    public boolean isConnected() {
        return open;
    }

    /** Connects unless already connected or connecting. */
    public void connect() {
        if (wanted) {
            return;
        }
        wanted = true;
        setStatus(RealtimeStatus.CONNECTING);
        reconnectTimer.reset();
        attempt();
    }

    /**
     * Closes the connection on request: no reconnect follows, channels stay registered and rejoin
     * on the next {@link #connect()}.
     */
    public void disconnect() {
        if (!wanted && connection == null) {
            setStatus(RealtimeStatus.CLOSED);
            return;
        }
        wanted = false;
        reconnectTimer.reset();
        Transport.Connection conn = connection;
        connectionLost();
        if (conn != null) {
            conn.close(NORMAL_CLOSE, "client disconnect");
        }
        setStatus(RealtimeStatus.CLOSED);
    }

    /**
     * The channel of a topic, created on first use (or when the previous one is being left).
     * Does not join it.
     *
     * @param topic the topic
     * @param handler receives the channel's events
     * @param pushBufferLimit how many pushes may wait for the join
     * @param rejoinBackoff delays between rejoin attempts
     * @param pushTimeout reply timeout of joins and pushes
     * @return the channel
     */
    public PhoenixChannel channel(String topic, PhoenixChannel.Handler handler, int pushBufferLimit,
            Backoff rejoinBackoff, Duration pushTimeout) {
        PhoenixChannel existing = channels.get(topic);
        if (existing != null && existing.isEnding()) {
            // A leave of the same topic is still in flight: the new channel takes the topic over and
            // the old one's late frames are dropped by join_ref.
            channels.remove(topic);
        }
        return channels.computeIfAbsent(topic,
                t -> new PhoenixChannel(this, t, handler, pushBufferLimit, rejoinBackoff, pushTimeout));
    }

    /**
     * The registered channels, in creation order.
     *
     * @return a copy of the channel list
     */
    public List<PhoenixChannel> channels() {
        return new ArrayList<>(channels.values());
    }

    void remove(PhoenixChannel channel) {
        channels.remove(channel.topic(), channel);
    }

    /**
     * A new, unique ref.
     *
     * @return the ref
     */
    String makeRef() {
        refCounter++;
        return Long.toString(refCounter);
    }

    void expectReply(String ref, Push push) {
        replies.put(ref, push);
    }

    void forgetReply(String ref) {
        if (ref != null) {
            replies.remove(ref);
        }
    }

    /**
     * Writes a frame if connected; dropped otherwise (channels only send while connected).
     *
     * @param frame the frame
     */
    void send(Frame frame) {
        if (open && connection != null) {
            connection.send(codec.encode(frame));
        }
    }

    private void attempt() {
        if (!wanted || connection != null) {
            return;
        }
        int attemptGeneration = ++generation;
        CompletableFuture<URI> uri;
        try {
            uri = endpoint.get();
        } catch (RuntimeException e) {
            uri = CompletableFuture.failedFuture(e);
        }
        uri.whenComplete((u, err) -> scheduler.execute(() -> {
            if (!wanted || attemptGeneration != generation || connection != null) {
                return;
            }
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                listener.onError(new RealtimeException("could not obtain a token for the socket", cause));
                scheduleReconnect();
                return;
            }
            try {
                connection = transport.connect(u, new ConnectionListener(attemptGeneration));
            } catch (RuntimeException e) {
                listener.onError(new RealtimeException("could not start a connection to " + u.getHost(), e));
                scheduleReconnect();
            }
        }));
    }

    private void scheduleReconnect() {
        if (!wanted) {
            return;
        }
        setStatus(RealtimeStatus.RECONNECTING);
        reconnectTimer.scheduleTimeout();
    }

    private void onOpen(int gen) {
        if (gen != generation || !wanted) {
            return;
        }
        open = true;
        reconnectTimer.reset();
        pendingHeartbeatRef = null;
        scheduleHeartbeat();
        setStatus(RealtimeStatus.CONNECTED);
        for (PhoenixChannel channel : channels()) {
            channel.onSocketOpen();
        }
    }

    private void onText(int gen, String text) {
        if (gen != generation) {
            return;
        }
        Frame frame;
        try {
            frame = codec.decode(text);
        } catch (MalformedFrameException e) {
            listener.onError(new RealtimeException("skipped a malformed frame", e));
            return;
        }
        route(frame);
    }

    private void onText(int gen, byte[] utf8) {
        if (gen != generation) {
            return;
        }
        Frame frame;
        try {
            frame = codec.decode(utf8, payloadTypes);
        } catch (MalformedFrameException e) {
            listener.onError(new RealtimeException("skipped a malformed frame", e));
            return;
        }
        route(frame);
    }

    /** The payload type a channel reads an event of its topic into, if it reads it typed. */
    private FrameCodec.PayloadReader payloadReader(String topic, String event) {
        PhoenixChannel channel = channels.get(topic);
        return channel == null ? null : channel.payloadReader(event);
    }

    private void route(Frame frame) {
        if (PHOENIX_TOPIC.equals(frame.topic())) {
            if (frame.ref() != null && frame.ref().equals(pendingHeartbeatRef)) {
                pendingHeartbeatRef = null;
            }
            return;
        }
        PhoenixChannel channel = channels.get(frame.topic());
        if (channel == null || !channel.isMember(frame.joinRef())) {
            // Frames for topics we do not hold, or for an outdated join, are dropped as Phoenix does.
            return;
        }
        if ("phx_reply".equals(frame.event())) {
            Push push = frame.ref() == null ? null : replies.get(frame.ref());
            if (push != null) {
                replies.remove(frame.ref());
                push.receiveReply(frame.payload());
            }
            return;
        }
        channel.onFrame(frame);
    }

    private void onClose(int gen, int code, String reason, Throwable cause) {
        if (gen != generation) {
            return;
        }
        boolean wasOpen = open;
        connectionLost();
        if (!wanted) {
            return;
        }
        if (cause instanceof UpgradeRefusedException refused) {
            if (refused.isAuthFailure()) {
                listener.onAuthRefused();
            }
            listener.onError(refused);
        } else if (wasOpen) {
            listener.onError(new RealtimeException("connection closed (" + code + (reason.isEmpty() ? "" : " " + reason)
                    + "), reconnecting", cause));
        } else {
            listener.onError(new RealtimeException("could not connect, retrying", cause));
        }
        scheduleReconnect();
    }

    private void connectionLost() {
        generation++;
        open = false;
        connection = null;
        pendingHeartbeatRef = null;
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
            heartbeatTimer = null;
        }
        List<Push> pending = new ArrayList<>(replies.values());
        replies.clear();
        for (Push push : pending) {
            push.abandon();
        }
        for (PhoenixChannel channel : channels()) {
            channel.onSocketClose();
        }
    }

    private void scheduleHeartbeat() {
        heartbeatTimer = scheduler.schedule(heartbeatInterval, this::heartbeat);
    }

    private void heartbeat() {
        heartbeatTimer = null;
        if (!open || connection == null) {
            return;
        }
        if (pendingHeartbeatRef != null) {
            // No reply within a whole interval: the connection is dead even if TCP has not noticed.
            Transport.Connection dead = connection;
            connectionLost();
            dead.close(NORMAL_CLOSE, "heartbeat timeout");
            listener.onError(new RealtimeException("heartbeat timeout, reconnecting", null));
            scheduleReconnect();
            return;
        }
        pendingHeartbeatRef = makeRef();
        send(new Frame(null, pendingHeartbeatRef, PHOENIX_TOPIC, "heartbeat", Push.emptyPayload()));
        scheduleHeartbeat();
    }

    private void setStatus(RealtimeStatus next) {
        if (status != next) {
            status = next;
            listener.onStatus(next);
        }
    }

    /** Routes one connection's events back to the socket, tagged with its generation. */
    private final class ConnectionListener implements Transport.Listener {
        private final int gen;

        ConnectionListener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen() {
            PhoenixSocket.this.onOpen(gen);
        }

        @Override
        public void onText(String text) {
            PhoenixSocket.this.onText(gen, text);
        }

        @Override
        public void onText(byte[] utf8) {
            PhoenixSocket.this.onText(gen, utf8);
        }

        @Override
        public void onClose(int code, String reason, Throwable cause) {
            PhoenixSocket.this.onClose(gen, code, reason == null ? "" : reason, cause);
        }
    }
}
