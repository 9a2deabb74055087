package dev.poolse.sdk.realtime;

import dev.poolse.client.events.ConversationUpdatedEvent;
import dev.poolse.client.events.MentionEvent;
import dev.poolse.client.model.Conversation;
import dev.poolse.sdk.Subscription;
import java.util.UUID;
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
     * schedule) or an end by the server. Also reported to {@code onSocketError}.
     *
     * @param listener receives the problem; not {@code null}
     * @return removes the listener
     */
    Subscription onError(Consumer<? super RealtimeException> listener);
}
