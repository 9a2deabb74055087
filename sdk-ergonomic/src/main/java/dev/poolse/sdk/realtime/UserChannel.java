package dev.poolse.sdk.realtime;

import dev.poolse.client.events.ConversationUpdatedEvent;
import dev.poolse.client.events.MentionEvent;
import dev.poolse.client.model.Conversation;
import dev.poolse.sdk.Subscription;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The current user's own channel ({@code user:<id>}): events across all of their conversations.
 *
 * <p>Listeners run on the callback executor, one at a time for this channel, in arrival order; see
 * {@link PoolseRealtime} for the threading contract.
 */
public interface UserChannel {

    /**
     * The user id of this channel.
     *
     * @return the id
     */
    UUID userId();

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
     * {@code mention:new}: the user was mentioned; fetch the message over REST for its body.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onMention(Consumer<? super MentionEvent> listener);

    /**
     * {@code conversation:created}: the user was added to a conversation (including one they
     * created), with {@code member_external_ids}.
     *
     * @param listener receives the conversation; not {@code null}
     * @return removes the listener
     */
    Subscription onConversationCreated(Consumer<? super Conversation> listener);

    /**
     * {@code conversation:updated}: after every message in any of the user's conversations and
     * after a conversation change, with fresh preview, last sequence and unread count.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onConversationUpdated(Consumer<? super ConversationUpdatedEvent> listener);

    /**
     * Problems of this channel: a refused join ({@link JoinRefusedException}, retried on the rejoin
     * schedule), a channel error reported by the server ({@code phx_error}, after which the channel
     * rejoins on the rejoin schedule) or an end by the server. Not a dropped socket, which
     * {@code onStatus} and {@code onSocketError} report. Also reported to {@code onSocketError}.
     *
     * @param listener receives the problem; not {@code null}
     * @return removes the listener
     */
    Subscription onError(Consumer<? super RealtimeException> listener);
}
