package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.JoinRefusedException;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.PhoenixChannel;
import java.util.Objects;
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
     * Adds an error listener.
     *
     * @param listener the listener
     * @return removes it
     */
    public Subscription onError(Consumer<? super RealtimeException> listener) {
        return errorListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Dispatches a decoded event to a listener set on this channel's lane. */
    <T> void dispatch(ListenerSet<T> listeners, T value, String event) {
        lane.execute(() -> listeners.dispatch(value, (l, e) -> realtime.reportListenerFailure(topic, event, e)));
    }

    /** Decodes a payload, reporting (and skipping) one that does not fit the type. */
    <T> T decode(Frame frame, Class<T> type) {
        try {
            return realtime.mapper().treeToValue(frame.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            realtime.reportError(new RealtimeException("skipped " + frame.event() + " on " + topic
                    + ": payload does not match " + type.getSimpleName(), e));
            return null;
        }
    }

    @Override
    public void onJoinRefused(JsonNode response) {
        String reason = response.path("reason").isTextual() ? response.path("reason").asText() : response.toString();
        reportChannelError(new JoinRefusedException(topic, reason));
    }

    @Override
    public void onState(ChannelState next) {
        state = next;
        if (next == ChannelState.CLOSED && !leaving) {
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
