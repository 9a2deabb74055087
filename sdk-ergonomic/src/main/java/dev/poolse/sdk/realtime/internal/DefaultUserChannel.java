package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.events.ConversationUpdatedEvent;
import dev.poolse.client.events.MentionEvent;
import dev.poolse.client.model.Conversation;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.UserChannel;
import dev.poolse.sdk.realtime.phoenix.Frame;
import java.util.UUID;
import java.util.function.Consumer;

/** The {@link UserChannel} handle. */
final class DefaultUserChannel extends ChannelBase implements UserChannel {
    private final UUID userId;
    private final ListenerSet<MentionEvent> mention = new ListenerSet<>();
    private final ListenerSet<Conversation> created = new ListenerSet<>();
    private final ListenerSet<ConversationUpdatedEvent> updated = new ListenerSet<>();

    /** Engine thread only: the calls client riding this channel, if any. */
    private DefaultCalls calls;

    DefaultUserChannel(DefaultPoolseRealtime realtime, UUID userId) {
        super(realtime, EventNames.USER_PREFIX + userId);
        this.userId = userId;
    }

    @Override
    public UUID userId() {
        return userId;
    }

    @Override
    public Subscription onMention(Consumer<? super MentionEvent> listener) {
        return listen(mention, listener);
    }

    @Override
    public Subscription onConversationCreated(Consumer<? super Conversation> listener) {
        return listen(created, listener);
    }

    @Override
    public Subscription onConversationUpdated(Consumer<? super ConversationUpdatedEvent> listener) {
        return listen(updated, listener);
    }

    @Override
    public void onJoined(JsonNode response, boolean rejoin) {
        // Nothing to catch up on: user events are notifications, the inbox is re-read over REST.
    }

    /** Engine thread: routes this channel's {@code call:*} frames and state to the calls client. */
    void attach(DefaultCalls calls) {
        this.calls = calls;
        calls.onChannelState(phoenix == null ? dev.poolse.sdk.realtime.ChannelState.CLOSED : phoenix.state());
    }

    @Override
    public void onState(dev.poolse.sdk.realtime.ChannelState next) {
        super.onState(next);
        if (calls != null) {
            calls.onChannelState(next);
        }
    }

    @Override
    void onStopped() {
        if (calls != null) {
            calls.onStopped();
        }
    }

    @Override
    public void onEvent(Frame frame) {
        if (calls != null && frame.event().startsWith("call:")) {
            calls.onFrame(frame);
            return;
        }
        switch (frame.event()) {
            case EventNames.MENTION_NEW -> route(frame, MentionEvent.class, mention);
            case EventNames.CONVERSATION_CREATED -> route(frame, Conversation.class, created);
            case EventNames.CONVERSATION_UPDATED -> route(frame, ConversationUpdatedEvent.class, updated);
            default -> {
                // Unknown events are ignored: the gateway may add events in any minor version.
            }
        }
    }

    private <T> void route(Frame frame, Class<T> type, ListenerSet<T> listeners) {
        if (listeners.isEmpty()) {
            return;
        }
        T value = decode(frame, type);
        if (value != null) {
            dispatch(listeners, value, frame.event());
        }
    }
}
