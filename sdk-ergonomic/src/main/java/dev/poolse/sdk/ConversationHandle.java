package dev.poolse.sdk;

import dev.poolse.client.api.ConversationsApi;
import dev.poolse.client.api.MembersApi;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationUpdateRequest;
import dev.poolse.client.model.MemberRole;
import dev.poolse.client.model.MembersAddRequest;
import dev.poolse.client.model.Membership;
import dev.poolse.client.model.MembershipList;
import dev.poolse.sdk.internal.http.Calls;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation, by id. Cheap to create; holds no state besides the id. Thread-safe.
 *
 * <pre>{@code
 * ConversationHandle conv = chat.conversations().one(id);
 * conv.addMembers(List.of("alice", "bob"), MemberRole.ADMIN);
 * conv.messages().send(new MessageCreateRequest().body("Hello"));
 * }</pre>
 */
public final class ConversationHandle {
    private final RestCore core;
    private final UUID id;
    private final ConversationMessages messages;

    ConversationHandle(RestCore core, UUID id) {
        this.core = core;
        this.id = id;
        this.messages = new ConversationMessages(core, id);
    }

    /** {@return the conversation id} */
    public UUID id() {
        return id;
    }

    /** {@return the conversation's message feed} */
    public ConversationMessages messages() {
        return messages;
    }

    /** {@return the conversation ({@code GET /v1/conversations/{id}})} */
    public Conversation show() {
        return Calls.blocking(() -> showAsync(RequestOptions.defaults()));
    }

    /**
     * {@return the conversation}
     *
     * @param options per-call options
     */
    public Conversation show(RequestOptions options) {
        return Calls.blocking(() -> showAsync(options));
    }

    /** {@return the future of {@link #show()}} */
    public CompletableFuture<Conversation> showAsync() {
        return showAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #show(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<Conversation> showAsync(RequestOptions options) {
        return core.call(options, Conversation.class, ConversationsApi.class, (api, key) -> api.getConversation(id));
    }

    /**
     * Changes the fields set in {@code request}; absent fields are unchanged, explicit nulls clear.
     *
     * @param request the changes
     * @return the updated conversation
     */
    public Conversation update(ConversationUpdateRequest request) {
        return Calls.blocking(() -> updateAsync(request, RequestOptions.defaults()));
    }

    /**
     * {@return the updated conversation}
     *
     * @param request the changes
     * @param options per-call options
     */
    public Conversation update(ConversationUpdateRequest request, RequestOptions options) {
        return Calls.blocking(() -> updateAsync(request, options));
    }

    /**
     * {@return the future of {@link #update(ConversationUpdateRequest)}}
     *
     * @param request the changes
     */
    public CompletableFuture<Conversation> updateAsync(ConversationUpdateRequest request) {
        return updateAsync(request, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #update(ConversationUpdateRequest, RequestOptions)}}
     *
     * @param request the changes
     * @param options per-call options
     */
    public CompletableFuture<Conversation> updateAsync(ConversationUpdateRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return core.call(options, Conversation.class, ConversationsApi.class,
                (api, key) -> api.updateConversation(id, request, key));
    }

    /** {@return the members ({@code GET /v1/conversations/{id}/members})} */
    public MembershipList listMembers() {
        return Calls.blocking(() -> listMembersAsync(RequestOptions.defaults()));
    }

    /**
     * {@return the members}
     *
     * @param options per-call options
     */
    public MembershipList listMembers(RequestOptions options) {
        return Calls.blocking(() -> listMembersAsync(options));
    }

    /** {@return the future of {@link #listMembers()}} */
    public CompletableFuture<MembershipList> listMembersAsync() {
        return listMembersAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #listMembers(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<MembershipList> listMembersAsync(RequestOptions options) {
        return core.call(options, MembershipList.class, MembersApi.class, (api, key) -> api.listMembers(id));
    }

    /**
     * Adds members by your external ids with the server's default role; needs owner or admin.
     *
     * @param externalIds at least one id
     * @return one membership per id
     */
    public MembershipList addMembers(List<String> externalIds) {
        return Calls.blocking(() -> addMembersAsync(externalIds, null, RequestOptions.defaults()));
    }

    /**
     * {@return one membership per id}
     *
     * @param externalIds at least one id
     * @param role the role of the new members, {@code null} for the server default
     */
    public MembershipList addMembers(List<String> externalIds, MemberRole role) {
        return Calls.blocking(() -> addMembersAsync(externalIds, role, RequestOptions.defaults()));
    }

    /**
     * {@return one membership per id}
     *
     * @param externalIds at least one id
     * @param role the role, {@code null} for the server default
     * @param options per-call options
     */
    public MembershipList addMembers(List<String> externalIds, MemberRole role, RequestOptions options) {
        return Calls.blocking(() -> addMembersAsync(externalIds, role, options));
    }

    /**
     * {@return the future of {@link #addMembers(List)}}
     *
     * @param externalIds at least one id
     */
    public CompletableFuture<MembershipList> addMembersAsync(List<String> externalIds) {
        return addMembersAsync(externalIds, null, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #addMembers(List, MemberRole, RequestOptions)}}
     *
     * @param externalIds at least one id
     * @param role the role, {@code null} for the server default
     * @param options per-call options
     */
    public CompletableFuture<MembershipList> addMembersAsync(List<String> externalIds, MemberRole role,
            RequestOptions options) {
        Objects.requireNonNull(externalIds, "externalIds");
        if (externalIds.isEmpty()) {
            throw new IllegalArgumentException("externalIds must not be empty");
        }
        for (String e : externalIds) {
            if (e == null || e.isBlank()) {
                throw new IllegalArgumentException("externalIds must not contain null or blank ids");
            }
        }
        MembersAddRequest body = new MembersAddRequest().externalIds(List.copyOf(externalIds)).role(role);
        return core.call(options, MembershipList.class, MembersApi.class, (api, key) -> api.addMembers(id, body, key));
    }

    /**
     * Adds one member.
     *
     * @param externalId your id of the user
     * @return the membership
     */
    public Membership addMember(String externalId) {
        return Calls.blocking(() -> addMemberAsync(externalId, null, RequestOptions.defaults()));
    }

    /**
     * {@return the membership}
     *
     * @param externalId your id of the user
     * @param role the role, {@code null} for the server default
     */
    public Membership addMember(String externalId, MemberRole role) {
        return Calls.blocking(() -> addMemberAsync(externalId, role, RequestOptions.defaults()));
    }

    /**
     * {@return the membership}
     *
     * @param externalId your id of the user
     * @param role the role, {@code null} for the server default
     * @param options per-call options
     */
    public Membership addMember(String externalId, MemberRole role, RequestOptions options) {
        return Calls.blocking(() -> addMemberAsync(externalId, role, options));
    }

    /**
     * {@return the future of {@link #addMember(String)}; cancelling it aborts the request}
     *
     * @param externalId your id of the user
     */
    public CompletableFuture<Membership> addMemberAsync(String externalId) {
        return addMemberAsync(externalId, null, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #addMember(String, MemberRole, RequestOptions)}; cancelling it aborts the request}
     *
     * @param externalId your id of the user
     * @param role the role, {@code null} for the server default
     * @param options per-call options
     */
    public CompletableFuture<Membership> addMemberAsync(String externalId, MemberRole role, RequestOptions options) {
        Objects.requireNonNull(externalId, "externalId");
        CompletableFuture<MembershipList> list = addMembersAsync(List.of(externalId), role, options);
        CompletableFuture<Membership> one = list.thenApply(l -> {
            if (l == null || l.getData() == null || l.getData().isEmpty()) {
                throw new PoolseException("server returned no membership for " + externalId);
            }
            return l.getData().get(0);
        });
        one.whenComplete((v, e) -> {
            if (one.isCancelled()) {
                list.cancel(true);
            }
        });
        return one;
    }

    /**
     * Removes a member ({@code DELETE /v1/conversations/{id}/members/{userId}}).
     *
     * @param userId the Poolse user id (not the external id)
     */
    public void removeMember(UUID userId) {
        Calls.blocking(() -> removeMemberAsync(userId, RequestOptions.defaults()));
    }

    /**
     * Removes a member, with per-call options.
     *
     * @param userId the Poolse user id
     * @param options per-call options
     */
    public void removeMember(UUID userId, RequestOptions options) {
        Calls.blocking(() -> removeMemberAsync(userId, options));
    }

    /**
     * {@return the future of {@link #removeMember(UUID)}, completing with {@code null}}
     *
     * @param userId the Poolse user id
     */
    public CompletableFuture<Void> removeMemberAsync(UUID userId) {
        return removeMemberAsync(userId, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #removeMember(UUID, RequestOptions)}, completing with {@code null}}
     *
     * @param userId the Poolse user id
     * @param options per-call options
     */
    public CompletableFuture<Void> removeMemberAsync(UUID userId, RequestOptions options) {
        Objects.requireNonNull(userId, "userId");
        return core.call(options, Void.class, MembersApi.class, (api, key) -> api.removeMember(id, userId, key));
    }
}
