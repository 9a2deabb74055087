package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.client.events.CallCancelledEvent;
import dev.poolse.client.events.CallEndReason;
import dev.poolse.client.events.CallIncomingEvent;
import dev.poolse.client.events.CallPartyEvent;
import dev.poolse.client.events.EventCatalog;
import dev.poolse.client.model.CallMedia;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.CallRefusedException;
import dev.poolse.sdk.realtime.CallState;
import dev.poolse.sdk.realtime.CallState.Direction;
import dev.poolse.sdk.realtime.CallState.EndReason;
import dev.poolse.sdk.realtime.CallState.Phase;
import dev.poolse.sdk.realtime.Calls;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.phoenix.Cancellable;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.Push;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@link Calls} implementation: a state machine confined to the engine thread (the client's
 * scheduler), driven by the user channel's {@code call:*} frames, the replies to its own pushes and
 * its ring timer. Listeners and futures complete on the user channel's lane, so they keep the
 * realtime client's threading contract and event order.
 */
final class DefaultCalls implements Calls {
    private final DefaultPoolseRealtime realtime;
    private final ListenerSet<CallState> stateListeners = new ListenerSet<>();
    private final ListenerSet<CallIncomingEvent> incoming = new ListenerSet<>();
    private final ListenerSet<CallPartyEvent> accepted = new ListenerSet<>();
    private final ListenerSet<CallPartyEvent> declined = new ListenerSet<>();
    private final ListenerSet<CallPartyEvent> busy = new ListenerSet<>();
    private final ListenerSet<CallCancelledEvent> cancelled = new ListenerSet<>();
    private final ListenerSet<CallPartyEvent> ended = new ListenerSet<>();
    /** Written on the engine thread only; read anywhere. */
    private volatile CallState state = CallState.IDLE;

    // Engine thread only below.
    private DefaultUserChannel channel;
    /** The channel is started and may push; tasks before that wait in {@link #waiting}. */
    private boolean ready;
    private RealtimeException unavailable;
    private final List<Runnable> waiting = new ArrayList<>();
    private Cancellable ringTimer;
    /** The place() whose invite awaits its reply. */
    private CompletableFuture<CallState> pendingPlace;
    /** A hang-up made before the invite's reply: cancel the call as soon as its id is known. */
    private CompletableFuture<Void> cancelOnInvite;
    private ChannelState channelState = ChannelState.CLOSED;

    DefaultCalls(DefaultPoolseRealtime realtime) {
        this.realtime = realtime;
    }

    /** Resolves the user id, then attaches to the user's channel (which opens the socket). */
    void start() {
        realtime.backend().currentUserId().whenComplete((userId, error) -> realtime.scheduler().execute(() -> {
            if (realtime.isClosed()) {
                return;
            }
            if (error != null || userId == null) {
                unavailable = new RealtimeException("calls are unavailable: the current user id is unknown", error);
                realtime.reportError(unavailable);
                drainWaiting();
                return;
            }
            try {
                channel = (DefaultUserChannel) realtime.user(userId);
            } catch (IllegalStateException closed) {
                return;
            }
            channel.attach(this);
            // After the channel's own start task, which the user() call above queued.
            realtime.scheduler().execute(() -> {
                ready = true;
                drainWaiting();
            });
        }));
    }

    private void drainWaiting() {
        List<Runnable> tasks = new ArrayList<>(waiting);
        waiting.clear();
        tasks.forEach(Runnable::run);
    }

    /** Runs an engine task once the channel can push (or at once, failing, if it never will). */
    private void onEngine(Runnable task) {
        realtime.scheduler().execute(() -> {
            if (ready || unavailable != null) {
                task.run();
            } else {
                waiting.add(task);
            }
        });
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public CompletableFuture<CallState> place(UUID conversationId, CallMedia media) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(media, "media");
        realtime.ensureOpen();
        CompletableFuture<CallState> result = new CompletableFuture<>();
        onEngine(() -> {
            if (failIfUnavailable(result)) {
                return;
            }
            if (!state.isIdle()) {
                fail(result, new IllegalStateException("a call is already " + state.phase()));
                return;
            }
            pendingPlace = result;
            cancelOnInvite = null;
            setState(new CallState(Phase.OUTGOING_RINGING, null, conversationId, Direction.OUTGOING, null,
                    List.of(), media, null));
            ObjectNode payload = realtime.mapper().createObjectNode()
                    .put("conversation_id", conversationId.toString()).put("media", media.getValue());
            push(EventCatalog.UserTopic.CALL_INVITE, payload, reply -> onInvited(result, reply),
                    reason -> onInviteRefused(result, reason));
        });
        return result;
    }

    private void onInvited(CompletableFuture<CallState> place, JsonNode reply) {
        UUID callId = uuid(reply.path("call_id"));
        CallMedia media = media(reply.path("media"));
        if (pendingPlace != place) {
            // Hung up (or the connection dropped) before the reply: the call exists on the server
            // now, so withdraw it. Without an id there is nothing to withdraw.
            CompletableFuture<Void> hangUp = cancelOnInvite;
            cancelOnInvite = null;
            if (hangUp != null && callId != null) {
                ObjectNode payload = ref(callId, state.conversationId());
                push(EventCatalog.UserTopic.CALL_CANCEL, payload, ok -> complete(hangUp, null),
                        reason -> fail(hangUp, new CallRefusedException(EventCatalog.UserTopic.CALL_CANCEL, reason)));
            } else if (hangUp != null) {
                complete(hangUp, null);
            }
            return;
        }
        pendingPlace = null;
        if (callId == null) {
            setState(CallState.IDLE);
            fail(place, new CallRefusedException(EventCatalog.UserTopic.CALL_INVITE, "the reply names no call_id"));
            return;
        }
        List<UUID> callees = new ArrayList<>();
        reply.path("callee_user_ids").forEach(n -> {
            UUID id = uuid(n);
            if (id != null) {
                callees.add(id);
            }
        });
        // The server's echo is what the callees were rung with: trust it over what was asked.
        CallState ringing = new CallState(Phase.OUTGOING_RINGING, callId, state.conversationId(), Direction.OUTGOING,
                null, callees, media, null);
        setState(ringing);
        armRingTimer(callId);
        complete(place, ringing);
    }

    private void onInviteRefused(CompletableFuture<CallState> place, String reason) {
        if (pendingPlace != place) {
            CompletableFuture<Void> hangUp = cancelOnInvite;
            cancelOnInvite = null;
            if (hangUp != null) {
                complete(hangUp, null); // nothing was rung, so nothing to withdraw
            }
            return;
        }
        pendingPlace = null;
        setState(CallState.IDLE);
        fail(place, new CallRefusedException(EventCatalog.UserTopic.CALL_INVITE, reason));
    }

    @Override
    public CompletableFuture<CallState> accept() {
        realtime.ensureOpen();
        CompletableFuture<CallState> result = new CompletableFuture<>();
        onEngine(() -> {
            if (failIfUnavailable(result)) {
                return;
            }
            CallState ringing = state;
            if (ringing.phase() != Phase.INCOMING_RINGING) {
                fail(result, new IllegalStateException("no call is ringing in (the call is " + ringing.phase() + ")"));
                return;
            }
            clearRingTimer();
            CallState connecting = with(ringing, Phase.CONNECTING, ringing.peerUserId(), null);
            setState(connecting);
            push(EventCatalog.UserTopic.CALL_ACCEPT, answer(ringing), ok -> {
                if (state == connecting) {
                    CallState connected = with(connecting, Phase.CONNECTED, connecting.peerUserId(), null);
                    setState(connected);
                    complete(result, connected);
                } else {
                    complete(result, state);
                }
            }, reason -> {
                if (state == connecting) {
                    end(EndReason.FAILED);
                }
                fail(result, new CallRefusedException(EventCatalog.UserTopic.CALL_ACCEPT, reason));
            });
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> decline() {
        realtime.ensureOpen();
        CompletableFuture<Void> result = new CompletableFuture<>();
        onEngine(() -> {
            if (failIfUnavailable(result)) {
                return;
            }
            if (state.phase() != Phase.INCOMING_RINGING) {
                fail(result, new IllegalStateException("no call is ringing in (the call is " + state.phase() + ")"));
                return;
            }
            signal(EventCatalog.UserTopic.CALL_DECLINE, answer(state), result);
            end(EndReason.HUNG_UP);
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> hangUp() {
        realtime.ensureOpen();
        CompletableFuture<Void> result = new CompletableFuture<>();
        onEngine(() -> {
            if (failIfUnavailable(result)) {
                return;
            }
            CallState current = state;
            switch (current.phase()) {
                case OUTGOING_RINGING -> {
                    if (current.callId() == null) {
                        CompletableFuture<CallState> place = pendingPlace;
                        pendingPlace = null;
                        cancelOnInvite = result;
                        end(EndReason.HUNG_UP);
                        if (place != null) {
                            complete(place, state);
                        }
                    } else {
                        signal(EventCatalog.UserTopic.CALL_CANCEL, ref(current.callId(), current.conversationId()), result);
                        end(EndReason.HUNG_UP);
                    }
                }
                case INCOMING_RINGING -> {
                    signal(EventCatalog.UserTopic.CALL_DECLINE, answer(current), result);
                    end(EndReason.HUNG_UP);
                }
                case CONNECTING, CONNECTED -> {
                    // Either party may hang up; the other side is always told.
                    signal(EventCatalog.UserTopic.CALL_HANGUP, ref(current.callId(), current.conversationId()), result);
                    end(EndReason.HUNG_UP);
                }
                default -> complete(result, null);
            }
        });
        return result;
    }

    @Override
    public void dismiss() {
        realtime.ensureOpen();
        realtime.scheduler().execute(() -> {
            if (state.phase() == Phase.ENDED) {
                setState(CallState.IDLE);
            }
        });
    }

    // ---- events (engine thread) ----

    /** A {@code call:*} frame of the user channel. */
    void onFrame(Frame frame) {
        String event = frame.event();
        if (EventCatalog.UserTopic.CALL_INCOMING.equals(event)) {
            CallIncomingEvent e = channel.decode(frame, CallIncomingEvent.class);
            if (e != null) {
                onIncoming(e);
            }
        } else if (EventCatalog.UserTopic.CALL_CANCELLED.equals(event)) {
            CallCancelledEvent e = channel.decode(frame, CallCancelledEvent.class);
            if (e != null && isCurrent(e.callId())
                    && (state.phase() == Phase.INCOMING_RINGING || state.phase() == Phase.CONNECTING)) {
                end(cancelReason(e.reason()));
                channel.dispatch(cancelled, e, event);
            }
        } else if (EventCatalog.UserTopic.SERVER_EVENTS.get(event) == CallPartyEvent.class) {
            CallPartyEvent e = channel.decode(frame, CallPartyEvent.class);
            if (e != null && isCurrent(e.callId())) {
                onParty(event, e);
            }
        }
        // Other call:* events (added later by the server) are ignored, as every unknown event.
    }

    private void onIncoming(CallIncomingEvent e) {
        if (isCurrent(e.callId())) {
            return; // the same ring again
        }
        if (!state.isIdle()) {
            // One call at a time: the caller hears "busy". Best effort, the outcome is not ours to report.
            ObjectNode payload = realtime.mapper().createObjectNode().put("call_id", e.callId().toString())
                    .put("conversation_id", e.conversationId().toString())
                    .put("caller_user_id", e.callerUserId().toString());
            push(EventCatalog.UserTopic.CALL_BUSY, payload, ok -> { }, reason -> { });
            return;
        }
        setState(new CallState(Phase.INCOMING_RINGING, e.callId(), e.conversationId(), Direction.INCOMING,
                e.callerUserId(), List.of(), e.media(), null));
        armRingTimer(e.callId());
        channel.dispatch(incoming, e, EventCatalog.UserTopic.CALL_INCOMING);
    }

    private void onParty(String event, CallPartyEvent e) {
        Phase phase = state.phase();
        if (EventCatalog.UserTopic.CALL_ENDED.equals(event)) {
            if (phase == Phase.CONNECTED || phase == Phase.CONNECTING) {
                end(e.reason() == CallEndReason.DISCONNECTED ? EndReason.REMOTE_DISCONNECTED : EndReason.REMOTE_HUNG_UP);
                channel.dispatch(ended, e, event);
            }
            return;
        }
        if (phase != Phase.OUTGOING_RINGING) {
            return;
        }
        switch (event) {
            case "call:accepted" -> {
                clearRingTimer();
                setState(with(state, Phase.CONNECTED, e.userId(), null));
                channel.dispatch(accepted, e, event);
            }
            case "call:declined" -> {
                end(EndReason.DECLINED);
                channel.dispatch(declined, e, event);
            }
            case "call:busy" -> {
                end(EndReason.BUSY);
                channel.dispatch(busy, e, event);
            }
            default -> {
                // Not an answer to an outgoing call.
            }
        }
    }

    private static EndReason cancelReason(CallEndReason reason) {
        if (reason == null) {
            return EndReason.CANCELLED;
        }
        return switch (reason) {
            case ANSWERED_ELSEWHERE, DECLINED, BUSY -> EndReason.ANSWERED_ELSEWHERE;
            default -> EndReason.CANCELLED;
        };
    }

    /** The user channel's state changed: losing it while a call is live loses the call. */
    void onChannelState(ChannelState next) {
        boolean lost = channelState == ChannelState.JOINED && next != ChannelState.JOINED;
        channelState = next;
        if (!lost || state.isIdle()) {
            return;
        }
        // The server ends what a dropped socket carried, so there is nothing to resume.
        CompletableFuture<CallState> place = pendingPlace;
        pendingPlace = null;
        end(EndReason.CONNECTION_LOST);
        if (place != null) {
            fail(place, new RealtimeException("the connection dropped before the call was placed", null));
        }
    }

    /**
     * The channel (or the whole client) stopped: no timer may outlive it. If only the channel
     * stopped (the server sent {@code phx_close}) calls ride a fresh channel of the same user, since
     * a ring reaches only sockets on that topic.
     */
    void onStopped() {
        clearRingTimer();
        DefaultUserChannel stopped = channel;
        if (stopped == null || realtime.isClosed()) {
            return;
        }
        // Queued: the client forgets the stopped channel after this hook, so user() would return it.
        realtime.scheduler().execute(() -> {
            if (realtime.isClosed() || channel != stopped) {
                return;
            }
            try {
                channel = (DefaultUserChannel) realtime.user(stopped.userId());
            } catch (IllegalStateException closed) {
                return;
            }
            channel.attach(this);
        });
    }

    // ---- helpers (engine thread) ----

    private boolean isCurrent(UUID callId) {
        return callId != null && callId.equals(state.callId());
    }

    private void armRingTimer(UUID callId) {
        clearRingTimer();
        Duration timeout = realtime.settings().ringTimeout();
        if (timeout.isZero()) {
            return;
        }
        ringTimer = realtime.scheduler().schedule(timeout, () -> onRingTimeout(callId));
    }

    private void clearRingTimer() {
        if (ringTimer != null) {
            ringTimer.cancel();
            ringTimer = null;
        }
    }

    private void onRingTimeout(UUID callId) {
        ringTimer = null;
        CallState current = state;
        if (!isCurrent(callId)) {
            return;
        }
        // The far side is told before the local state changes.
        if (current.phase() == Phase.OUTGOING_RINGING) {
            push(EventCatalog.UserTopic.CALL_CANCEL, ref(callId, current.conversationId()), ok -> { }, reason -> { });
            end(EndReason.TIMED_OUT);
        } else if (current.phase() == Phase.INCOMING_RINGING) {
            push(EventCatalog.UserTopic.CALL_DECLINE, answer(current), ok -> { }, reason -> { });
            end(EndReason.TIMED_OUT);
        }
    }

    private void end(EndReason reason) {
        clearRingTimer();
        CallState current = state;
        setState(new CallState(Phase.ENDED, current.callId(), current.conversationId(), current.direction(),
                current.peerUserId(), current.calleeUserIds(), current.media(), reason));
    }

    private static CallState with(CallState s, Phase phase, UUID peer, EndReason reason) {
        return new CallState(phase, s.callId(), s.conversationId(), s.direction(), peer, s.calleeUserIds(), s.media(),
                reason);
    }

    private void setState(CallState next) {
        state = next;
        if (channel != null) {
            channel.dispatch(stateListeners, next, "call:state");
        }
    }

    private void push(String event, ObjectNode payload, Consumer<JsonNode> ok, Consumer<String> refused) {
        if (channel == null || channel.phoenix == null || channel.leaving) {
            refused.accept("not connected");
            return;
        }
        Push push = channel.phoenix.push(event, payload);
        push.onOk(ok).onError(response -> refused.accept(response.path("reason").isTextual()
                ? response.path("reason").asText() : response.toString()))
                .onTimeout(() -> refused.accept(CallRefusedException.TIMEOUT));
    }

    /** A push whose reply only completes the caller's future. */
    private void signal(String event, ObjectNode payload, CompletableFuture<Void> result) {
        push(event, payload, ok -> complete(result, null), reason -> fail(result, new CallRefusedException(event, reason)));
    }

    private ObjectNode answer(CallState s) {
        return ref(s.callId(), s.conversationId()).put("caller_user_id", s.peerUserId().toString());
    }

    private ObjectNode ref(UUID callId, UUID conversationId) {
        return realtime.mapper().createObjectNode().put("call_id", callId.toString())
                .put("conversation_id", conversationId.toString());
    }

    private boolean failIfUnavailable(CompletableFuture<?> result) {
        if (unavailable != null) {
            fail(result, unavailable);
            return true;
        }
        return false;
    }

    /** Completes on the lane, after the state listeners of the change that caused it. */
    private <T> void complete(CompletableFuture<T> future, T value) {
        if (channel != null) {
            channel.lane.execute(() -> future.complete(value));
        } else {
            realtime.callbackExecutor().execute(() -> future.complete(value));
        }
    }

    private void fail(CompletableFuture<?> future, Throwable error) {
        if (channel != null) {
            channel.lane.execute(() -> future.completeExceptionally(error));
        } else {
            realtime.callbackExecutor().execute(() -> future.completeExceptionally(error));
        }
    }

    private static UUID uuid(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Absent or unrecognised media reads as audio, as every Poolse client does. */
    private static CallMedia media(JsonNode node) {
        return node != null && node.isTextual() && "video".equals(node.asText()) ? CallMedia.VIDEO : CallMedia.AUDIO;
    }

    // ---- listeners ----

    private <T> Subscription listen(ListenerSet<T> set, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        realtime.ensureOpen();
        return set.add(listener);
    }

    @Override
    public Subscription onState(Consumer<? super CallState> listener) {
        return listen(stateListeners, listener);
    }

    @Override
    public Subscription onIncoming(Consumer<? super CallIncomingEvent> listener) {
        return listen(incoming, listener);
    }

    @Override
    public Subscription onAccepted(Consumer<? super CallPartyEvent> listener) {
        return listen(accepted, listener);
    }

    @Override
    public Subscription onDeclined(Consumer<? super CallPartyEvent> listener) {
        return listen(declined, listener);
    }

    @Override
    public Subscription onBusy(Consumer<? super CallPartyEvent> listener) {
        return listen(busy, listener);
    }

    @Override
    public Subscription onCancelled(Consumer<? super CallCancelledEvent> listener) {
        return listen(cancelled, listener);
    }

    @Override
    public Subscription onEnded(Consumer<? super CallPartyEvent> listener) {
        return listen(ended, listener);
    }
}
