package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.events.EventCatalog;

/** Event names of the Poolse topics, taken from the generated catalogue (usable as switch labels). */
final class EventNames {
    static final String MESSAGE_NEW = EventCatalog.ConversationTopic.MESSAGE_NEW;
    static final String MESSAGE_UPDATED = EventCatalog.ConversationTopic.MESSAGE_UPDATED;
    static final String MESSAGE_DELETED = EventCatalog.ConversationTopic.MESSAGE_DELETED;
    static final String REACTION_ADDED = EventCatalog.ConversationTopic.REACTION_ADDED;
    static final String REACTION_REMOVED = EventCatalog.ConversationTopic.REACTION_REMOVED;
    static final String MEMBER_READ = EventCatalog.ConversationTopic.MEMBER_READ;
    static final String TYPING_START = EventCatalog.ConversationTopic.TYPING_START;
    static final String TYPING_STOP = EventCatalog.ConversationTopic.TYPING_STOP;
    static final String PRESENCE_STATE = EventCatalog.ConversationTopic.PRESENCE_STATE;
    static final String PRESENCE_DIFF = EventCatalog.ConversationTopic.PRESENCE_DIFF;
    static final String TYPING = EventCatalog.ConversationTopic.TYPING;
    static final String MENTION_NEW = EventCatalog.UserTopic.MENTION_NEW;
    static final String CONVERSATION_CREATED = EventCatalog.UserTopic.CONVERSATION_CREATED;
    static final String CONVERSATION_UPDATED = EventCatalog.UserTopic.CONVERSATION_UPDATED;
    static final String CONVERSATION_PREFIX = EventCatalog.ConversationTopic.TOPIC_PREFIX;
    static final String USER_PREFIX = EventCatalog.UserTopic.TOPIC_PREFIX;

    private EventNames() {}
}
