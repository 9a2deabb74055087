package dev.poolse.sdk;

import dev.poolse.client.api.CallsApi;
import dev.poolse.client.model.CallConnection;
import dev.poolse.sdk.internal.http.Calls;
import dev.poolse.sdk.internal.http.PoolseFuture;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * SFU (LiveKit) access tokens for a conversation's call
 * ({@code POST /v1/conversations/{id}/call-token}). Obtain with {@link Poolse#callTokens()}.
 * Thread-safe.
 *
 * <p>Connect your LiveKit client to {@link CallConnection#getUrl()} with
 * {@link CallConnection#getToken()}; the token's identity is the Poolse user id. An empty result
 * means the deployment has no SFU (the server answered 503 {@code sfu_unavailable}): carry the
 * call's audio peer to peer over the conversation's voice room instead. That answer is final, so
 * it is never retried. A non-member gets an {@link ApiException} with status 403.
 */
public final class CallTokensResource {
    /** The status that means "this deployment has no SFU". */
    static final int NO_SFU = 503;

    private final RestCore core;

    CallTokensResource(RestCore core) {
        this.core = core;
    }

    /**
     * Mints a fresh SFU token for the conversation's call.
     *
     * @param conversationId the conversation; the current user must be a member
     * @return the connection, or empty when the deployment has no SFU
     */
    public Optional<CallConnection> create(UUID conversationId) {
        return create(conversationId, RequestOptions.defaults());
    }

    /**
     * Mints a fresh SFU token for the conversation's call, with per-call options.
     *
     * @param conversationId the conversation; the current user must be a member
     * @param options per-call options
     * @return the connection, or empty when the deployment has no SFU
     */
    public Optional<CallConnection> create(UUID conversationId, RequestOptions options) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(options, "options");
        return Calls.blocking(() -> createAsync(conversationId, options));
    }

    /**
     * Starts {@link #create(UUID)}.
     *
     * @param conversationId the conversation; the current user must be a member
     * @return a future of the connection, empty when the deployment has no SFU; cancelling it
     *     aborts the request
     */
    public CompletableFuture<Optional<CallConnection>> createAsync(UUID conversationId) {
        return createAsync(conversationId, RequestOptions.defaults());
    }

    /**
     * Starts {@link #create(UUID, RequestOptions)}.
     *
     * @param conversationId the conversation; the current user must be a member
     * @param options per-call options
     * @return a future of the connection, empty when the deployment has no SFU; cancelling it
     *     aborts the request
     */
    public CompletableFuture<Optional<CallConnection>> createAsync(UUID conversationId, RequestOptions options) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(options, "options");
        PoolseFuture<CallConnection> call = core.call(options, core.decoder(core.mapper.constructType(CallConnection.class)),
                status -> status == NO_SFU, CallsApi.class, (api, key) -> api.createCallToken(conversationId, key));
        PoolseFuture<Optional<CallConnection>> out = new PoolseFuture<>();
        out.onCancel(() -> call.cancel(true));
        call.whenComplete((connection, error) -> {
            if (error == null) {
                out.complete(Optional.ofNullable(connection));
            } else if (error instanceof ApiException e && e.status() == NO_SFU) {
                out.complete(Optional.empty());
            } else {
                out.completeExceptionally(error);
            }
        });
        return out;
    }
}
