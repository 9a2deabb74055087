package dev.poolse.sdk.realtime;

import dev.poolse.client.events.CallCancelledEvent;
import dev.poolse.client.events.CallIncomingEvent;
import dev.poolse.client.events.CallPartyEvent;
import dev.poolse.client.model.CallMedia;
import dev.poolse.sdk.Subscription;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Calls of the current user: ringing, answering and hanging up over the user's own
 * {@code user:<id>} channel, with the call state machine. Media is not here: once the state is
 * {@link CallState.Phase#CONNECTED}, join the SFU with {@code chat.callTokens()} or, when that is
 * empty, the conversation's voice room with
 * {@code chat.iceServers()}.
 *
 * <p>One call at a time. While a call is ringing, connecting or connected, another incoming call
 * is answered {@code call:busy} automatically and never reported. Events about any call other than
 * the current one are ignored. Both directions ring for {@link RealtimeSettings#ringTimeout()}
 * (45 s by default), then the SDK cancels (outgoing) or declines (incoming) and ends the call with
 * {@link CallState.EndReason#TIMED_OUT}; the timer runs on the client's scheduler.
 *
 * <p>Connection loss: if this client's socket drops while a call is ringing or connected, the
 * state becomes {@link CallState.Phase#ENDED} with {@link CallState.EndReason#CONNECTION_LOST},
 * because the server ends what a dropped socket carried (the other side sees
 * {@link CallState.EndReason#CANCELLED} or {@link CallState.EndReason#REMOTE_DISCONNECTED}).
 *
 * <p>Threading: as every realtime listener, listeners run on the callback executor, one at a time
 * in event order, never on the network thread; the futures complete there too. Every method is
 * thread-safe and returns without waiting for the network.
 */
public interface Calls {

    /** {@return the current call, or {@link CallState#IDLE}} */
    CallState state();

    /**
     * Rings every other member of a conversation.
     *
     * @param conversationId the conversation; the user must be a member
     * @param media what the call opens as
     * @return completes with the ringing state once the server has rung the callees (or with the
     *     ended state if {@link #hangUp()} came first), or exceptionally with
     *     {@link CallRefusedException} (the state returns to idle), or with
     *     {@link IllegalStateException} if a call is already ringing, connecting or connected
     */
    CompletableFuture<CallState> place(UUID conversationId, CallMedia media);

    /**
     * Answers the incoming call.
     *
     * @return completes once the server confirmed the answer (state {@link CallState.Phase#CONNECTED}),
     *     or exceptionally with {@link CallRefusedException}, e.g. {@code call_ended} when the caller
     *     gave up first (state {@link CallState.Phase#ENDED}, {@link CallState.EndReason#FAILED}), or
     *     with {@link IllegalStateException} if no call is ringing in
     */
    CompletableFuture<CallState> accept();

    /**
     * Refuses the incoming call; the state ends with {@link CallState.EndReason#HUNG_UP} at once,
     * even if the push fails.
     *
     * @return completes when the server has the answer, or exceptionally with
     *     {@link CallRefusedException}, or with {@link IllegalStateException} if no call is ringing in
     */
    CompletableFuture<Void> decline();

    /**
     * Ends the current call and always tells the other side: a ringing outgoing call is cancelled,
     * a ringing incoming one declined, a connecting or connected one hung up. The state ends with
     * {@link CallState.EndReason#HUNG_UP} at once, even if the push fails. Does nothing when idle.
     *
     * @return completes when the server has the signal, or exceptionally with {@link CallRefusedException}
     */
    CompletableFuture<Void> hangUp();

    /** Returns an {@link CallState.Phase#ENDED} call to {@link CallState#IDLE}; does nothing otherwise. */
    void dismiss();

    /**
     * Every state change, in order.
     *
     * @param listener receives each new state; not {@code null}
     * @return removes the listener
     */
    Subscription onState(Consumer<? super CallState> listener);

    /**
     * {@code call:incoming}: someone rings the user (not reported while busy).
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onIncoming(Consumer<? super CallIncomingEvent> listener);

    /**
     * {@code call:accepted}: a callee answered the current outgoing call.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onAccepted(Consumer<? super CallPartyEvent> listener);

    /**
     * {@code call:declined}: a callee refused the current outgoing call.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onDeclined(Consumer<? super CallPartyEvent> listener);

    /**
     * {@code call:busy}: a callee of the current outgoing call is on another call.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onBusy(Consumer<? super CallPartyEvent> listener);

    /**
     * {@code call:cancelled}: the current incoming ring is over (see its {@code reason}).
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onCancelled(Consumer<? super CallCancelledEvent> listener);

    /**
     * {@code call:ended}: the other party ended the current connected call.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onEnded(Consumer<? super CallPartyEvent> listener);
}
