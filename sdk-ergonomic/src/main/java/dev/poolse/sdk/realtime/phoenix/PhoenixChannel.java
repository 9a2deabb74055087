package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.sdk.realtime.ChannelState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * One Phoenix channel (a joined topic) with the state machine of the JavaScript client 1.8:
 * every (re)join takes a fresh {@code join_ref}; frames carrying another non-null join_ref are
 * dropped; pushes made before the join reply wait in a bounded buffer and go out on join ok; a
 * refused or timed-out join and {@code phx_error} rejoin on the rejoin {@link Backoff}, and at once
 * when the socket reopens; {@code phx_close} ends the channel for good.
 *
 * <p>Confined to the socket's {@link Scheduler} thread.
 */
public final class PhoenixChannel {

    /** Receives a channel's events on the scheduler thread; implementations must not block. */
    public interface Handler {
        /**
         * The join was accepted.
         *
         * @param response the reply's response
         * @param rejoin {@code false} for the first successful join, {@code true} afterwards
         */
        void onJoined(JsonNode response, boolean rejoin);

        /**
         * The join was refused with an error reply; a rejoin is scheduled.
         *
         * @param response the reply's response, e.g. {@code {"reason": "forbidden"}}
         */
        void onJoinRefused(JsonNode response);

        /**
         * The server sent {@code phx_error} for the current join: the channel process crashed on
         * the server. The channel is already {@link ChannelState#ERRORED} and a rejoin is scheduled.
         * Not called when the socket drops; that is a connection problem, reported by the socket.
         *
         * @param payload the frame's payload, usually empty
         */
        void onServerError(JsonNode payload);

        /**
         * An application event of the current join arrived.
         *
         * @param frame the frame
         */
        void onEvent(Frame frame);

        /**
         * How the payload of an application event is to be read: straight into a type, so that
         * {@link #onEvent} finds it in {@link Frame#value()}, or as a JSON tree. Called on the
         * socket's thread while the frame is decoded, before {@link #onEvent}.
         *
         * @param event the event name
         * @return a reader, or {@code null} (the default) for a tree
         */
        default FrameCodec.PayloadReader payloadReader(String event) {
            return null;
        }

        /**
         * The state changed.
         *
         * @param state the new state
         */
        void onState(ChannelState state);

        /**
         * A push could not be buffered because the buffer is full.
         *
         * @param event the dropped push's event
         */
        void onPushDropped(String event);
    }

    private static final String JOIN = "phx_join";
    private static final String LEAVE = "phx_leave";

    /** The buffer of every channel with no push waiting; never modified. */
    private static final Deque<Push> EMPTY_BUFFER = new ArrayDeque<>(0);

    private final PhoenixSocket socket;
    private final String topic;
    private final Handler handler;
    private final int pushBufferLimit;
    private final Duration timeout;
    /** Pushes waiting for the join; created on first use, as most channels never buffer one. */
    private Deque<Push> pushBuffer = EMPTY_BUFFER;
    private final RetryTimer rejoinTimer;
    private final Push joinPush;
    private ChannelState state = ChannelState.CLOSED;
    private boolean joinedOnce;
    private boolean everJoined;

    PhoenixChannel(PhoenixSocket socket, String topic, Handler handler, int pushBufferLimit, Backoff rejoinBackoff,
            Duration timeout) {
        this.socket = socket;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (pushBufferLimit < 0) {
            throw new IllegalArgumentException("pushBufferLimit must not be negative");
        }
        this.pushBufferLimit = pushBufferLimit;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.rejoinTimer = new RetryTimer(socket.scheduler(), rejoinBackoff, () -> {
            if (socket.isConnected()) {
                rejoin();
            }
        });
        this.joinPush = new Push(this, JOIN, Push.emptyPayload(), timeout)
                .onOk(this::joinOk)
                .onError(this::joinError)
                .onTimeout(this::joinTimeout);
    }

    /**
     * The topic.
     *
     * @return e.g. {@code conversation:<id>}
     */
    public String topic() {
        return topic;
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public ChannelState state() {
        return state;
    }

    /**
     * The join_ref of the current join, or {@code null} before the first join is sent.
     *
     * @return the join ref
     */
    public String joinRef() {
        return joinPush.ref();
    }

    PhoenixSocket socket() {
        return socket;
    }

    /**
     * Joins the topic; sent at once when the socket is open, otherwise when it opens.
     *
     * @throws IllegalStateException when called twice
     */
    public void join() {
        if (joinedOnce) {
            throw new IllegalStateException("channel " + topic + " was already joined; rejoins are automatic");
        }
        joinedOnce = true;
        rejoin();
    }

    /**
     * Sends a push once joined; buffered (bounded) until then.
     *
     * @param event the event
     * @param payload the payload object
     * @return the push, to attach reply handlers (an error handler set on it replaces the default
     *     one, which rejoins on an {@code "unmatched topic"} reply), or {@code null} when the buffer
     *     was full and the push was dropped
     */
    public Push push(String event, JsonNode payload) {
        Objects.requireNonNull(event, "event");
        if (!joinedOnce) {
            throw new IllegalStateException("push to " + topic + " before join");
        }
        Push push = new Push(this, event, payload, timeout);
        push.onError(response -> {
            // The server no longer knows this join (e.g. it restarted): rejoin rather than keep
            // pushing into the void, a known failure of other Phoenix clients.
            if ("unmatched topic".equals(response.path("reason").asText()) && state == ChannelState.JOINED) {
                errored(true);
            }
        });
        if (canPush()) {
            push.startTimeout();
            push.send();
            return push;
        }
        if (pushBuffer.size() >= pushBufferLimit) {
            handler.onPushDropped(event);
            return null;
        }
        push.startTimeout();
        if (pushBuffer == EMPTY_BUFFER) {
            pushBuffer = new ArrayDeque<>();
        }
        pushBuffer.addLast(push);
        return push;
    }

    /** Leaves the topic; the channel ends (state {@link ChannelState#CLOSED}) once the server confirms, or at once when offline. */
    public void leave() {
        rejoinTimer.reset();
        joinPush.abandon();
        if (state == ChannelState.CLOSED || state == ChannelState.LEAVING) {
            if (state == ChannelState.CLOSED) {
                socket.remove(this);
            }
            return;
        }
        boolean wasJoined = state == ChannelState.JOINED && socket.isConnected();
        setState(ChannelState.LEAVING);
        dropBuffer();
        if (!wasJoined) {
            closeLocally();
            return;
        }
        Push leave = new Push(this, LEAVE, Push.emptyPayload(), timeout);
        leave.onOk(r -> closeLocally()).onError(r -> closeLocally()).onTimeout(this::closeLocally);
        leave.startTimeout();
        leave.send();
    }

    /** Whether the channel was joined and is now being left or has ended. */
    boolean isEnding() {
        return state == ChannelState.LEAVING || (state == ChannelState.CLOSED && joinedOnce);
    }

    boolean isMember(String frameJoinRef) {
        // Frames with a null join_ref are broadcasts or replies not tied to a join: always ours.
        return frameJoinRef == null || frameJoinRef.equals(joinRef());
    }

    /** The reader of an event's payload: the handler's for application events, none for Phoenix's own. */
    FrameCodec.PayloadReader payloadReader(String event) {
        return event.startsWith("phx_") ? null : handler.payloadReader(event);
    }

    void onFrame(Frame frame) {
        switch (frame.event()) {
            case "phx_close" -> {
                rejoinTimer.reset();
                joinPush.abandon();
                dropBuffer();
                closeLocally();
            }
            case "phx_error" -> {
                // Only a frame from the server gets here: a dropped socket errors its channels
                // through onSocketClose, which the application learns of from the socket instead.
                if (state != ChannelState.LEAVING && state != ChannelState.CLOSED) {
                    errored(true);
                    handler.onServerError(frame.payload());
                }
            }
            default -> {
                if (state == ChannelState.JOINED) {
                    handler.onEvent(frame);
                }
            }
        }
    }

    void onSocketOpen() {
        rejoinTimer.reset();
        if (state == ChannelState.ERRORED || state == ChannelState.JOINING) {
            rejoin();
        }
    }

    void onSocketClose() {
        joinPush.abandon();
        errored(false);
    }

    private boolean canPush() {
        return socket.isConnected() && state == ChannelState.JOINED;
    }

    private void rejoin() {
        if (state == ChannelState.LEAVING || (state == ChannelState.CLOSED && !joinedOnce)) {
            return;
        }
        setState(ChannelState.JOINING);
        if (socket.isConnected()) {
            joinPush.startTimeout();
            joinPush.send();
        }
    }

    private void joinOk(JsonNode response) {
        boolean rejoin = everJoined;
        everJoined = true;
        rejoinTimer.reset();
        setState(ChannelState.JOINED);
        // The join reply comes before any event of the new join, so listeners learn of the
        // (re)join before its presence_state and messages.
        handler.onJoined(response, rejoin);
        while (!pushBuffer.isEmpty() && canPush()) {
            Push push = pushBuffer.pollFirst();
            // A push whose timeout already fired was reported as failed: sending it now would be
            // stale (a typing signal from long ago), so it is dropped instead.
            if (!push.isExpired()) {
                push.send();
            }
        }
    }

    private void joinError(JsonNode response) {
        setState(ChannelState.ERRORED);
        handler.onJoinRefused(response);
        if (socket.isConnected()) {
            rejoinTimer.scheduleTimeout();
        }
    }

    private void joinTimeout() {
        // Tell the server to drop the half-made join before trying again, as Phoenix does.
        String staleJoinRef = joinRef();
        if (socket.isConnected() && staleJoinRef != null) {
            socket.send(new Frame(staleJoinRef, socket.makeRef(), topic, LEAVE, Push.emptyPayload()));
        }
        setState(ChannelState.ERRORED);
        if (socket.isConnected()) {
            rejoinTimer.scheduleTimeout();
        }
    }

    private void errored(boolean scheduleRejoin) {
        if (state == ChannelState.LEAVING || state == ChannelState.CLOSED) {
            return;
        }
        joinPush.abandon();
        setState(ChannelState.ERRORED);
        if (scheduleRejoin && socket.isConnected()) {
            rejoinTimer.scheduleTimeout();
        }
    }

    private void closeLocally() {
        rejoinTimer.reset();
        dropBuffer();
        setState(ChannelState.CLOSED);
        socket.remove(this);
    }

    private void dropBuffer() {
        for (Push push : pushBuffer) {
            push.abandon();
        }
        pushBuffer = EMPTY_BUFFER; // never modified: shared by every channel
    }

    private void setState(ChannelState next) {
        if (state != next) {
            state = next;
            handler.onState(next);
        }
    }
}
