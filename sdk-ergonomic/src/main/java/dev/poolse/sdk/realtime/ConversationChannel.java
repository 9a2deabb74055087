package dev.poolse.sdk.realtime;

import dev.poolse.client.events.MemberReadEvent;
import dev.poolse.client.events.MessageDeletedEvent;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.Subscription;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A conversation's live events ({@code conversation:<id>}).
 *
 * <p><b>Delivery guarantee.</b> From the first successful join on (or from a starting point, see
 * {@link PoolseRealtime#conversation(UUID, ResumeFrom)}), every event that changes the
 * conversation's state ({@code message:new} of the main feed and of threads,
 * {@code message:updated}, {@code message:deleted}, reactions and read receipts) reaches its
 * listeners <em>exactly once and in order</em>, across any number of disconnects, rejoins, token
 * expiries and channel crashes: the server numbers these events with the conversation's
 * {@code revision}; the channel remembers the highest it applied and, after every rejoin that says
 * it missed some (or when a live event skips a revision), replays them over REST
 * ({@code GET /v1/conversations/{id}/events}) and delivers them before any newer live event. Live
 * copies of replayed events are dropped; no event overtakes the message it refers to; main-feed
 * messages arrive in {@code sequence} order, replies in order within their thread. While a replay
 * runs, typing and presence wait too. A failed replay is reported to {@code onSocketError} and
 * retried (1, 2, 5, then every 10 s). At most 10,000 events are held per channel during a replay;
 * beyond that live events are dropped and replayed again afterwards, so memory stays bounded without
 * losing any.
 *
 * <p>The server keeps at least the newest 1,000 events of a conversation for 24 hours. When a
 * rejoin needs older ones, the channel reports {@link ResyncRequiredException} to {@link #onError}
 * and {@code onSocketError} (reload the conversation over REST), catches the main feed up by
 * sequence (so {@code message:new} stays gap-free) and carries on live. Against a server that sends
 * no revisions, only the main feed is caught up, by sequence. Typing is live only; presence starts
 * from a fresh {@code presence_state} after every join.
 *
 * <p><b>Threading.</b> Listeners run on the callback executor, one at a time for this channel, in
 * the order described above; a slow listener delays only this channel's later events, a throwing
 * one is reported to {@code onSocketError} and does not stop the others. See
 * {@link PoolseRealtime}.
 */
public interface ConversationChannel {

    /**
     * The conversation id.
     *
     * @return the id
     */
    UUID conversationId();

    /**
     * The channel's state.
     *
     * @return the state
     */
    ChannelState state();

    /**
     * The outcome of the first join: lets a caller wait until events flow before acting, e.g.
     * {@code channel.joined().get(10, TimeUnit.SECONDS)} before a REST call whose event it expects.
     * Completes on the callback executor, never on an I/O thread. Rejoins after a reconnect do not
     * affect it.
     *
     * @return a new future for each call: completes normally once the server accepts the first join,
     *     exceptionally with {@link JoinRefusedException} if the server refuses it (the channel keeps
     *     retrying, as Phoenix does) or with {@link RealtimeException} if the channel is left or closed
     *     before joining; cancelling it does not affect the channel
     */
    CompletableFuture<Void> joined();

    /**
     * {@code message:new}: each message (main feed and thread replies) exactly once and in order,
     * gaps filled over REST (see the class documentation). Without a starting point delivery begins
     * at the first join; a channel opened with {@link ResumeFrom#sequence(long)} joins when the first
     * such listener is added and delivers every main-feed message after that sequence.
     *
     * @param listener receives the message; not {@code null}
     * @return removes the listener
     */
    Subscription onMessage(Consumer<? super Message> listener);

    /**
     * {@code message:updated}: an edit, or a thread root's new {@code reply_count} after a reply.
     * Reaction changes arrive as {@code reaction:added} and {@code reaction:removed}.
     *
     * @param listener receives the message as it is now; not {@code null}
     * @return removes the listener
     */
    Subscription onMessageUpdated(Consumer<? super Message> listener);

    /**
     * {@code message:deleted}: a soft delete.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onMessageDeleted(Consumer<? super MessageDeletedEvent> listener);

    /**
     * {@code reaction:added}.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onReactionAdded(Consumer<? super ReactionEvent> listener);

    /**
     * {@code reaction:removed}.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onReactionRemoved(Consumer<? super ReactionEvent> listener);

    /**
     * {@code member:read}: a read receipt.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onMemberRead(Consumer<? super MemberReadEvent> listener);

    /**
     * {@code typing:start} of another member (the server never echoes your own).
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onTypingStart(Consumer<? super TypingEvent> listener);

    /**
     * {@code typing:stop} of another member.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onTypingStop(Consumer<? super TypingEvent> listener);

    /**
     * The full presence after each {@code presence_state} (once per join, reconciled with what
     * was known before a rejoin; diffs that arrived before it are already applied). A listener
     * added after the first state immediately receives the current snapshot.
     *
     * @param listener receives the snapshot; not {@code null}
     * @return removes the listener
     */
    Subscription onPresenceState(Consumer<? super PresenceSnapshot> listener);

    /**
     * Each {@code presence_diff} applied to the presence (diffs received before the join's
     * {@code presence_state} are folded into the state instead).
     *
     * @param listener receives the diff; not {@code null}
     * @return removes the listener
     */
    Subscription onPresenceDiff(Consumer<? super PresenceDiff> listener);

    /**
     * The current presence, readable from any thread; empty before the first state.
     *
     * @return the snapshot
     */
    PresenceSnapshot presence();

    /**
     * Tells the other members that the current user is typing. Throttled on the client: at most
     * one push per typing interval (2 s by default), extra calls are dropped, so calling it on
     * every keystroke is fine. Before the join the push waits in the channel's bounded buffer.
     */
    void sendTyping();

    /**
     * Problems of this channel: a refused join ({@link JoinRefusedException}, retried on the rejoin
     * schedule), a channel error reported by the server ({@code phx_error}: the channel rejoins on
     * the rejoin schedule and then catches up as after any rejoin), an end by the server, missed
     * events the server no longer keeps ({@link ResyncRequiredException}: reload the conversation).
     * Not a dropped socket, which {@code onStatus} and {@code onSocketError} report. Also reported to
     * {@code onSocketError}.
     *
     * @param listener receives the problem; not {@code null}
     * @return removes the listener
     */
    Subscription onError(Consumer<? super RealtimeException> listener);
}
