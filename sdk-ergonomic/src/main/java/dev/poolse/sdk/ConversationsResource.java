package dev.poolse.sdk;

import dev.poolse.client.api.ConversationsApi;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationList;
import dev.poolse.sdk.internal.http.Calls;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The current user's conversations. Obtain with {@link Poolse#conversations()}. Thread-safe.
 *
 * <pre>{@code
 * ConversationList list = chat.conversations().list();
 * Conversation c = chat.conversations().create(
 *     new ConversationCreateRequest().type(ConversationType.GROUP).name("team").memberExternalIds(List.of("bob")));
 * ConversationHandle conv = chat.conversations().one(c.getId());
 * }</pre>
 */
public final class ConversationsResource {
    private final RestCore core;

    ConversationsResource(RestCore core) {
        this.core = core;
    }

    /** {@return every conversation of the user ({@code GET /v1/conversations}), with unread counts} */
    public ConversationList list() {
        return Calls.blocking(() -> listAsync(RequestOptions.defaults()));
    }

    /**
     * {@return every conversation of the user}
     *
     * @param options per-call options
     */
    public ConversationList list(RequestOptions options) {
        return Calls.blocking(() -> listAsync(options));
    }

    /** {@return the future of {@link #list()}} */
    public CompletableFuture<ConversationList> listAsync() {
        return listAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #list(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<ConversationList> listAsync(RequestOptions options) {
        return core.call(options, ConversationList.class, ConversationsApi.class, (api, key) -> api.listConversations());
    }

    /**
     * Creates a conversation; the caller becomes its owner, unknown external ids are provisioned.
     *
     * @param request the new conversation
     * @return the created conversation
     */
    public Conversation create(ConversationCreateRequest request) {
        return Calls.blocking(() -> createAsync(request, RequestOptions.defaults()));
    }

    /**
     * {@return the created conversation}
     *
     * @param request the new conversation
     * @param options per-call options
     */
    public Conversation create(ConversationCreateRequest request, RequestOptions options) {
        return Calls.blocking(() -> createAsync(request, options));
    }

    /**
     * {@return the future of {@link #create(ConversationCreateRequest)}}
     *
     * @param request the new conversation
     */
    public CompletableFuture<Conversation> createAsync(ConversationCreateRequest request) {
        return createAsync(request, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #create(ConversationCreateRequest, RequestOptions)}}
     *
     * @param request the new conversation
     * @param options per-call options
     */
    public CompletableFuture<Conversation> createAsync(ConversationCreateRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return core.call(options, Conversation.class, ConversationsApi.class,
                (api, key) -> api.createConversation(request, key));
    }

    /**
     * A handle on one conversation; makes no request.
     *
     * @param conversationId the conversation id
     * @return the handle
     */
    public ConversationHandle one(UUID conversationId) {
        return new ConversationHandle(core, Objects.requireNonNull(conversationId, "conversationId"));
    }
}
