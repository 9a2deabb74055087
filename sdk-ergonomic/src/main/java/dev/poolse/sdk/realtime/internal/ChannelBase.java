package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.JoinRefusedException;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.PhoenixChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * What conversation and user channel handles share: the Phoenix channel (touched on the engine
 * thread only), the listener lane, error listeners, state.
 */
abstract class ChannelBase implements PhoenixChannel.Handler {
    final DefaultPoolseRealtime realtime;
    final String topic;
    final SerialExecutor lane;
    private final ListenerSet<RealtimeException> errorListeners = new ListenerSet<>();
    private volatile ChannelState state = ChannelState.CLOSED;
    /** Outcome of the first join; completed on the engine thread, observed through {@link #joined()}. */
    private final CompletableFuture<Void> firstJoin = new CompletableFuture<>();
    /** Engine thread only. */
    PhoenixChannel phoenix;
    /** Engine thread only: a leave was requested by the application. */
    boolean leaving;

    ChannelBase(DefaultPoolseRealtime realtime, String topic) {
        this.realtime = realtime;
        this.topic = topic;
        this.lane = new SerialExecutor(realtime.callbackExecutor(), backlog -> realtime.reportError(
                new RealtimeException("listeners of " + topic + " are " + backlog + " events behind", null)));
    }

    /** Engine thread: creates and joins the Phoenix channel. */
    void start() {
        phoenix = realtime.socket().channel(topic, this, realtime.settings().pushBufferLimit(),
                realtime.rejoinBackoff(), DefaultPoolseRealtime.PUSH_TIMEOUT);
        phoenix.join();
    }

    /** Engine thread: leaves and silences the channel. */
    void stop() {
        leaving = true;
        firstJoin.completeExceptionally(new RealtimeException("channel " + topic + " was left before it joined", null));
        onStopped();
        if (phoenix != null) {
            phoenix.leave();
        }
        lane.shutdown();
    }

    /** Engine thread: hook for subclasses when the channel ends. */
    void onStopped() {
    }

    /**
     * The channel's state.
     *
     * @return the state
     */
    public ChannelState state() {
        return state;
    }

    /**
     * The outcome of this channel's first join, as Phoenix's {@code join().receive("ok" | "error")}.
     * Completes on the callback executor, never on an I/O thread.
     *
     * @return a new future for each call: completes normally once the server accepts the first join,
     *     exceptionally with {@link JoinRefusedException} if it refuses it, or with
     *     {@link RealtimeException} if the channel ends before joining; cancelling it changes nothing
     *     about the channel
     */
    public CompletableFuture<Void> joined() {
        if (realtime.isClosed()) {
            return CompletableFuture.failedFuture(realtime.closedException());
        }
        // handleAsync, unlike thenApplyAsync, hops to the executor for failures too.
        return firstJoin.handleAsync((ok, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            return null;
        }, realtime.callbackExecutor());
    }

    /**
     * Adds an error listener.
     *
     * @param listener the listener
     * @return removes it
     */
    public Subscription onError(Consumer<? super RealtimeException> listener) {
        return listen(errorListeners, listener);
    }

    /**
     * Registers a listener of this channel, refused once the client is closed (it would never be
     * called).
     *
     * @throws IllegalStateException after the client's {@code close()}
     */
    <T> Subscription listen(ListenerSet<T> listeners, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        realtime.ensureOpen();
        return listeners.add(listener);
    }

    /** Dispatches a decoded event to a listener set on this channel's lane. */
    <T> void dispatch(ListenerSet<T> listeners, T value, String event) {
        realtime.dispatchOnLane(lane, () -> listeners.dispatch(value,
                (l, e) -> realtime.reportListenerFailure(topic, event, e)));
    }

    /**
     * Decodes a payload, reporting (and skipping) one that does not fit the type: a wrong-typed
     * value, or a key the spec marks required that is missing (Jackson would read it as null).
     */
    <T> T decode(Frame frame, Class<T> type) {
        JsonNode payload = frame.payload();
        String[] required = RequiredKeys.of(type);
        for (String key : required) {
            if (!payload.has(key)) {
                reportMissing(frame, type, RequiredKeys.missing(payload, required));
                return null;
            }
        }
        try {
            return realtime.mapper().treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            realtime.reportError(new RealtimeException("skipped " + frame.event() + " on " + topic
                    + ": payload does not match " + type.getSimpleName(), e));
            return null;
        }
    }

    private void reportMissing(Frame frame, Class<?> type, List<String> missing) {
        realtime.reportError(new RealtimeException("skipped " + frame.event() + " on " + topic + ": payload lacks"
                + " required propert" + (missing.size() == 1 ? "y " : "ies ") + String.join(", ", missing)
                + " of " + type.getSimpleName(), null));
    }

    @Override
    public void onJoinRefused(JsonNode response) {
        String reason = response.path("reason").isTextual() ? response.path("reason").asText() : response.toString();
        JoinRefusedException refused = new JoinRefusedException(topic, reason);
        firstJoin.completeExceptionally(refused);
        reportChannelError(refused);
    }

    @Override
    public void onServerError(JsonNode payload) {
        // As phoenix.js calls a channel's onError for phx_error: the app learns that events may
        // have been lost; the rejoin that follows catches up like any other (onJoined, rejoin=true).
        String reason = payload.path("reason").isTextual() ? ": " + payload.path("reason").asText() : "";
        reportChannelError(new RealtimeException("the server reported a channel error on " + topic
                + reason + "; rejoining", null));
    }

    @Override
    public void onState(ChannelState next) {
        state = next;
        if (next == ChannelState.JOINED) {
            firstJoin.complete(null);
        }
        if (next == ChannelState.CLOSED && !leaving) {
            firstJoin.completeExceptionally(new RealtimeException("channel " + topic + " was closed by the server", null));
            // phx_close from the server (e.g. removed from the conversation): the handle is done.
            onStopped();
            realtime.forget(this);
            reportChannelError(new RealtimeException("channel " + topic + " was closed by the server", null));
            lane.execute(lane::shutdown);
        }
    }

    @Override
    public void onPushDropped(String event) {
        realtime.reportError(new RealtimeException("dropped push " + event + " on " + topic
                + ": the buffer of pushes waiting for the join is full", null));
    }

    void reportChannelError(RealtimeException error) {
        if (!errorListeners.isEmpty()) {
            dispatch(errorListeners, error, "error");
        }
        realtime.reportError(error);
    }

    /** Routes an application event; engine thread. */
    @Override
    public abstract void onEvent(Frame frame);
}
