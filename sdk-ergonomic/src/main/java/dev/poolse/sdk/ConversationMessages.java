package dev.poolse.sdk;

import dev.poolse.client.api.MessagesApi;
import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.MarkReadRequest;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageList;
import dev.poolse.sdk.internal.http.Calls;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The main feed of one conversation: paginated newest first by per-conversation {@code sequence}.
 * Obtain with {@link ConversationHandle#messages()}. Thread-safe.
 *
 * <pre>{@code
 * MessageList page = conv.messages().list(MessageQuery.newest(50));
 * conv.messages().send(new MessageCreateRequest().body("Hello"));
 * for (Message m : conv.messages().iterate()) { ... }   // pages on demand, newest first
 * }</pre>
 */
public final class ConversationMessages {
    /** Page size of {@link #iterate()}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private final RestCore core;
    private final UUID conversationId;

    ConversationMessages(RestCore core, UUID conversationId) {
        this.core = core;
        this.conversationId = conversationId;
    }

    /** {@return the newest page with the server's default size} */
    public MessageList list() {
        return Calls.blocking(() -> listAsync(MessageQuery.defaults(), RequestOptions.defaults()));
    }

    /**
     * {@return the page, newest first}
     *
     * @param query page size and {@code before} cursor
     */
    public MessageList list(MessageQuery query) {
        return Calls.blocking(() -> listAsync(query, RequestOptions.defaults()));
    }

    /**
     * {@return the page, newest first}
     *
     * @param query page size and {@code before} cursor
     * @param options per-call options
     */
    public MessageList list(MessageQuery query, RequestOptions options) {
        return Calls.blocking(() -> listAsync(query, options));
    }

    /**
     * {@return the future of {@link #list(MessageQuery)}}
     *
     * @param query page size and {@code before} cursor
     */
    public CompletableFuture<MessageList> listAsync(MessageQuery query) {
        return listAsync(query, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #list(MessageQuery, RequestOptions)}}
     *
     * @param query page size and {@code before} cursor
     * @param options per-call options
     */
    public CompletableFuture<MessageList> listAsync(MessageQuery query, RequestOptions options) {
        Objects.requireNonNull(query, "query");
        return core.call(options, MessageList.class, MessagesApi.class,
                (api, key) -> api.listMessages(conversationId, query.limit(), query.beforeOrNull()));
    }

    /**
     * Replays the conversation's durable realtime events after a revision, oldest first
     * ({@code GET /v1/conversations/{id}/events}): {@code message:new} (main feed and threads),
     * {@code message:updated}, {@code message:deleted}, reactions and {@code member:read}, each with
     * the payload it was broadcast with. The realtime client uses it to fill what a channel missed;
     * call it yourself to sync a store of your own.
     *
     * @param afterRevision only events with a revision above this one; 0 for the oldest kept
     * @param limit page size, 1 to 1,000
     * @return the page; {@code has_more} says whether to ask again after its last revision
     * @throws IllegalArgumentException if {@code afterRevision} is negative or {@code limit} is out of range
     * @throws ApiException with status 410 ({@code events_expired}) when the server no longer keeps them
     */
    public ConversationEventList events(long afterRevision, int limit) {
        return Calls.blocking(() -> eventsAsync(afterRevision, limit, RequestOptions.defaults()));
    }

    /**
     * {@return the future of {@link #events(long, int)}}
     *
     * @param afterRevision only events with a revision above this one
     * @param limit page size, 1 to 1,000
     */
    public CompletableFuture<ConversationEventList> eventsAsync(long afterRevision, int limit) {
        return eventsAsync(afterRevision, limit, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #events(long, int)}}
     *
     * @param afterRevision only events with a revision above this one
     * @param limit page size, 1 to 1,000
     * @param options per-call options
     */
    public CompletableFuture<ConversationEventList> eventsAsync(long afterRevision, int limit, RequestOptions options) {
        if (afterRevision < 0) {
            throw new IllegalArgumentException("afterRevision must be >= 0, got " + afterRevision);
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return core.call(options, ConversationEventList.class, MessagesApi.class,
                (api, key) -> api.listConversationEvents(conversationId, afterRevision, limit));
    }

    /**
     * Sends a message. When {@code request} has no id a random UUID is filled in first (on a copy),
     * so retries are idempotent and the realtime echo can be matched to an optimistic insert.
     *
     * @param request the message
     * @return the created message (or the original one, for a resend with the same id)
     */
    public Message send(MessageCreateRequest request) {
        return Calls.blocking(() -> sendAsync(request, RequestOptions.defaults()));
    }

    /**
     * {@return the created message}
     *
     * @param request the message
     * @param options per-call options
     */
    public Message send(MessageCreateRequest request, RequestOptions options) {
        return Calls.blocking(() -> sendAsync(request, options));
    }

    /**
     * {@return the future of {@link #send(MessageCreateRequest)}}
     *
     * @param request the message
     */
    public CompletableFuture<Message> sendAsync(MessageCreateRequest request) {
        return sendAsync(request, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #send(MessageCreateRequest, RequestOptions)}}
     *
     * @param request the message
     * @param options per-call options
     */
    public CompletableFuture<Message> sendAsync(MessageCreateRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        MessageCreateRequest body = request;
        if (request.getId() == null) {
            // Copy so the caller's object is not mutated behind its back.
            body = core.mapper.convertValue(request, MessageCreateRequest.class).id(UUID.randomUUID());
        }
        MessageCreateRequest finalBody = body;
        return core.call(options, Message.class, MessagesApi.class,
                (api, key) -> api.sendMessage(conversationId, finalBody, key));
    }

    /**
     * Moves the user's read cursor to {@code messageId} ({@code POST /v1/conversations/{id}/read}).
     *
     * @param messageId the last read message
     */
    public void markRead(UUID messageId) {
        Calls.blocking(() -> markReadAsync(messageId, RequestOptions.defaults()));
    }

    /**
     * Marks the conversation read up to a message, with per-call options.
     *
     * @param messageId the last read message
     * @param options per-call options
     */
    public void markRead(UUID messageId, RequestOptions options) {
        Calls.blocking(() -> markReadAsync(messageId, options));
    }

    /**
     * {@return the future of {@link #markRead(UUID)}}
     *
     * @param messageId the last read message
     */
    public CompletableFuture<Void> markReadAsync(UUID messageId) {
        return markReadAsync(messageId, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #markRead(UUID, RequestOptions)}}
     *
     * @param messageId the last read message
     * @param options per-call options
     */
    public CompletableFuture<Void> markReadAsync(UUID messageId, RequestOptions options) {
        Objects.requireNonNull(messageId, "messageId");
        MarkReadRequest body = new MarkReadRequest().messageId(messageId);
        return core.call(options, Void.class, MessagesApi.class, (api, key) -> api.markRead(conversationId, body, key));
    }

    /** {@return every message, newest first, fetched {@value #DEFAULT_PAGE_SIZE} at a time as iteration proceeds} */
    public Iterable<Message> iterate() {
        return iterate(DEFAULT_PAGE_SIZE, RequestOptions.defaults());
    }

    /**
     * Lazy auto-paging: each iterator fetches the next older page (blocking) only when the current
     * one is used up, and stops at a short or empty page. Failures surface from
     * {@code hasNext()} as the usual exceptions.
     *
     * @param pageSize messages per request, positive
     * @param options options of each page request
     * @return an iterable; each iterator starts again from the newest message
     */
    public Iterable<Message> iterate(int pageSize, RequestOptions options) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive, got: " + pageSize);
        }
        Objects.requireNonNull(options, "options");
        return () -> new PageIterator<>(cursor -> {
            MessageQuery q = MessageQuery.newest(pageSize);
            MessageList page = list(cursor == null ? q : q.before(cursor), options);
            return page == null ? null : page.getData();
        }, Message::getSequence, pageSize);
    }
}
