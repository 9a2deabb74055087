package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.Message;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the realtime layer needs from the rest of the SDK. Implemented by {@code Poolse} over its
 * token cache and REST pipeline; tests may supply their own. Internal: not part of the public API.
 */
public interface RealtimeBackend {

    /**
     * A token for the next socket (re)connect, from the shared token cache: the cached one while it
     * is fresh, otherwise a newly fetched one. Completes with {@code null} when the provider returns
     * none.
     */
    CompletableFuture<String> currentToken();

    /** Drops the cached token, e.g. after the server refused the socket upgrade with 401/403. */
    void invalidateToken();

    /**
     * One page of a conversation's main feed, newest first: messages with a sequence strictly below
     * {@code beforeSequence} (or the newest when it is {@code null}), at most {@code limit}. Used to
     * fill gaps in realtime delivery.
     */
    CompletableFuture<List<Message>> listMessages(UUID conversationId, Long beforeSequence, int limit);

    /**
     * One page of a conversation's durable events after a revision, oldest first
     * ({@code GET /v1/conversations/{id}/events}). Used to replay what a channel missed while its
     * socket was down. Fails with an {@code ApiException} of status 410 when the server no longer
     * keeps those events.
     */
    CompletableFuture<ConversationEventList> listEvents(UUID conversationId, long afterRevision, int limit);

    /**
     * The current user's id, for the user channel the calls client joins: the {@code sub} of the
     * current token when it is a Poolse JWT. {@code Poolse} falls back to {@code GET /v1/me} for
     * opaque tokens.
     */
    default CompletableFuture<java.util.UUID> currentUserId() {
        return currentToken().thenApply(token -> dev.poolse.sdk.internal.auth.JwtExpiry.subject(token)
                .orElseThrow(() -> new IllegalStateException("the token names no user id (sub)")));
    }
}
