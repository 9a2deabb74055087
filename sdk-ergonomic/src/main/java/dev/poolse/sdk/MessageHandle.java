package dev.poolse.sdk;

import dev.poolse.client.api.MessagesApi;
import dev.poolse.client.api.ReactionsApi;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageList;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.client.model.ReactionRequest;
import dev.poolse.sdk.internal.http.Calls;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One message, by id: edit, delete, thread replies and reactions. Thread-safe.
 *
 * <pre>{@code
 * MessageHandle m = chat.messages().one(id);
 * m.update(new MessageUpdateRequest().body("edited"));
 * m.addReaction("👍🏽");
 * MessageList thread = m.replies(ReplyQuery.oldest(100).after(lastSeen));
 * }</pre>
 */
public final class MessageHandle {
    private final RestCore core;
    private final UUID id;

    MessageHandle(RestCore core, UUID id) {
        this.core = core;
        this.id = id;
    }

    /** {@return the message id} */
    public UUID id() {
        return id;
    }

    /**
     * Edits the body (sender only).
     *
     * @param request the new body
     * @return the edited message
     */
    public Message update(MessageUpdateRequest request) {
        return Calls.blocking(() -> updateAsync(request, RequestOptions.defaults()));
    }

    /**
     * {@return the edited message}
     *
     * @param request the new body
     * @param options per-call options
     */
    public Message update(MessageUpdateRequest request, RequestOptions options) {
        return Calls.blocking(() -> updateAsync(request, options));
    }

    /**
     * {@return the future of {@link #update(MessageUpdateRequest)}}
     *
     * @param request the new body
     */
    public CompletableFuture<Message> updateAsync(MessageUpdateRequest request) {
        return updateAsync(request, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #update(MessageUpdateRequest, RequestOptions)}}
     *
     * @param request the new body
     * @param options per-call options
     */
    public CompletableFuture<Message> updateAsync(MessageUpdateRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return core.call(options, Message.class, MessagesApi.class, (api, key) -> api.updateMessage(id, request, key));
    }

    /** Soft-deletes the message; deleting again is harmless. */
    public void delete() {
        Calls.blocking(() -> deleteAsync(RequestOptions.defaults()));
    }

    /**
     * Soft-deletes the message with per-call options; deleting again is harmless.
     *
     * @param options per-call options
     */
    public void delete(RequestOptions options) {
        Calls.blocking(() -> deleteAsync(options));
    }

    /** {@return the future of {@link #delete()}} */
    public CompletableFuture<Void> deleteAsync() {
        return deleteAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #delete(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<Void> deleteAsync(RequestOptions options) {
        return core.call(options, Void.class, MessagesApi.class, (api, key) -> api.deleteMessage(id, key));
    }

    /** {@return the first {@value ReplyQuery#DEFAULT_LIMIT} replies of the thread, oldest first} */
    public MessageList replies() {
        return Calls.blocking(() -> repliesAsync(ReplyQuery.defaults(), RequestOptions.defaults()));
    }

    /**
     * {@return the replies, oldest first}
     *
     * @param query page size and {@code after} cursor
     */
    public MessageList replies(ReplyQuery query) {
        return Calls.blocking(() -> repliesAsync(query, RequestOptions.defaults()));
    }

    /**
     * {@return the replies, oldest first}
     *
     * @param query page size and {@code after} cursor
     * @param options per-call options
     */
    public MessageList replies(ReplyQuery query, RequestOptions options) {
        return Calls.blocking(() -> repliesAsync(query, options));
    }

    /**
     * {@return the future of {@link #replies(ReplyQuery)}}
     *
     * @param query page size and {@code after} cursor
     */
    public CompletableFuture<MessageList> repliesAsync(ReplyQuery query) {
        return repliesAsync(query, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #replies(ReplyQuery, RequestOptions)}}
     *
     * @param query page size and {@code after} cursor
     * @param options per-call options
     */
    public CompletableFuture<MessageList> repliesAsync(ReplyQuery query, RequestOptions options) {
        Objects.requireNonNull(query, "query");
        return core.call(options, MessageList.class, MessagesApi.class,
                (api, key) -> api.listReplies(id, query.limit(), query.afterOrNull()));
    }

    /** {@return every reply, oldest first, fetched {@value ReplyQuery#DEFAULT_LIMIT} at a time on demand} */
    public Iterable<Message> iterateReplies() {
        return iterateReplies(ReplyQuery.DEFAULT_LIMIT, RequestOptions.defaults());
    }

    /**
     * Lazy auto-paging over the thread, oldest first; see {@link ConversationMessages#iterate(int, RequestOptions)}.
     *
     * @param pageSize replies per request, positive
     * @param options options of each page request
     * @return an iterable; each iterator starts from the oldest reply
     */
    public Iterable<Message> iterateReplies(int pageSize, RequestOptions options) {
        ReplyQuery first = ReplyQuery.oldest(pageSize);
        Objects.requireNonNull(options, "options");
        return () -> new PageIterator<>(cursor -> {
            MessageList page = replies(cursor == null ? first : first.after(cursor), options);
            return page == null ? null : page.getData();
        }, Message::getSequence, pageSize);
    }

    /**
     * Adds the current user's reaction.
     *
     * @param emoji any emoji, including ZWJ sequences and skin tones
     * @return the message with its reactions
     */
    public Message addReaction(String emoji) {
        return Calls.blocking(() -> addReactionAsync(emoji, RequestOptions.defaults()));
    }

    /**
     * {@return the message with its reactions}
     *
     * @param emoji any emoji
     * @param options per-call options
     */
    public Message addReaction(String emoji, RequestOptions options) {
        return Calls.blocking(() -> addReactionAsync(emoji, options));
    }

    /**
     * {@return the future of {@link #addReaction(String)}}
     *
     * @param emoji any emoji
     */
    public CompletableFuture<Message> addReactionAsync(String emoji) {
        return addReactionAsync(emoji, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #addReaction(String, RequestOptions)}}
     *
     * @param emoji any emoji
     * @param options per-call options
     */
    public CompletableFuture<Message> addReactionAsync(String emoji, RequestOptions options) {
        ReactionRequest body = new ReactionRequest().emoji(requireEmoji(emoji));
        return core.call(options, Message.class, ReactionsApi.class, (api, key) -> api.addReaction(id, body, key));
    }

    /**
     * Removes the current user's reaction. The emoji travels percent-encoded (UTF-8) in the path.
     *
     * @param emoji the emoji to remove
     * @return the message with its reactions
     */
    public Message removeReaction(String emoji) {
        return Calls.blocking(() -> removeReactionAsync(emoji, RequestOptions.defaults()));
    }

    /**
     * {@return the message with its reactions}
     *
     * @param emoji the emoji to remove
     * @param options per-call options
     */
    public Message removeReaction(String emoji, RequestOptions options) {
        return Calls.blocking(() -> removeReactionAsync(emoji, options));
    }

    /**
     * {@return the future of {@link #removeReaction(String)}}
     *
     * @param emoji the emoji to remove
     */
    public CompletableFuture<Message> removeReactionAsync(String emoji) {
        return removeReactionAsync(emoji, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #removeReaction(String, RequestOptions)}}
     *
     * @param emoji the emoji to remove
     * @param options per-call options
     */
    public CompletableFuture<Message> removeReactionAsync(String emoji, RequestOptions options) {
        String e = requireEmoji(emoji);
        return core.call(options, Message.class, ReactionsApi.class, (api, key) -> api.removeReaction(id, e, key));
    }

    private static String requireEmoji(String emoji) {
        Objects.requireNonNull(emoji, "emoji");
        if (emoji.isBlank()) {
            throw new IllegalArgumentException("emoji must not be blank");
        }
        return emoji;
    }
}
