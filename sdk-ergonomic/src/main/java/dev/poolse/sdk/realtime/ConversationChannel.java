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
 * <p><b>Delivery guarantee for new messages.</b> From the first successful join on, every message
 * of the conversation's main feed reaches {@link #onMessage} listeners <em>exactly once and in
 * {@code sequence} order</em>, across any number of disconnects, rejoins and server restarts: the
 * channel remembers the highest sequence it delivered; after every rejoin, and whenever a live
 * {@code message:new} skips a sequence, it fetches the missing messages over REST (paging back from
 * the newest) and delivers them before any newer live event, dropping live copies of messages
 * already delivered. While such a fetch runs, the channel's other message events
 * ({@code message:updated}, {@code message:deleted}, reactions, read receipts, typing) are held
 * back too, so they never overtake the message they refer to; a failed fetch is reported to
 * {@code onSocketError} and retried (1, 2, 5, then every 10 s). At most 10,000 events are held
 * per channel; beyond that live events are dropped (reported) and messages among them are fetched
 * again, so memory stays bounded without losing messages. The one exception to the order: should
 * the server commit a sequence after a fetch found it missing, that message is delivered when it
 * arrives, late but still once.
 *
 * <p>Thread replies ({@code thread_root_id} set) are not part of the main feed: they are delivered
 * as they arrive, each id at most once, but replies posted while the client was offline are not
 * fetched (list them with the REST replies call; the root's {@code message:updated} carries the new
 * {@code reply_count}). Updates, deletions, reactions and read receipts are live only.
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
     * {@code message:new}: each main-feed message exactly once, in sequence order, gaps filled over
     * REST (see the class documentation); thread replies as they arrive.
     *
     * @param listener receives the message; not {@code null}
     * @return removes the listener
     */
    Subscription onMessage(Consumer<? super Message> listener);

    /**
     * {@code message:updated}: an edit, a reaction change or a new thread reply count.
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
     * the rejoin schedule and then fetches the messages it missed), an end by the server. Not a
     * dropped socket, which {@code onStatus} and {@code onSocketError} report. Also reported to
     * {@code onSocketError}.
     *
     * @param listener receives the problem; not {@code null}
     * @return removes the listener
     */
    Subscription onError(Consumer<? super RealtimeException> listener);
}
