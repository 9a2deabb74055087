package dev.poolse.sdk.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.api.UsersApi;
import dev.poolse.client.model.User;
import dev.poolse.client.model.UserCreateRequest;
import dev.poolse.client.model.UserToken;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.internal.auth.JwtExpiry;
import dev.poolse.sdk.internal.http.Calls;
import dev.poolse.sdk.internal.http.FeignRequests;
import dev.poolse.sdk.internal.http.IdempotencyKeys;
import dev.poolse.sdk.internal.http.PoolseFuture;
import dev.poolse.sdk.internal.http.PreparedRequest;
import dev.poolse.sdk.internal.http.RequestPipeline;
import dev.poolse.sdk.internal.http.ResponseDecoder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users on the API-key routes: provision by external id ({@code POST /v1/users}) and mint
 * end-user tokens ({@code POST /v1/users/{user_id}/tokens}). Obtain with
 * {@link PoolseAdmin#users()}. Thread-safe.
 *
 * <p>Every call has a blocking form and an {@code ...Async} form; the async future completes on
 * the admin client's callback executor, and cancelling it aborts the exchange and any retry wait.
 * An optional trailing {@link RequestOptions} sets the call's timeout, retries or idempotency key.
 * Arguments are checked before anything is sent: {@link NullPointerException} or
 * {@link IllegalArgumentException} naming the parameter.
 */
public final class AdminUsersResource {
    /** Longest external id the API accepts. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 255;
    /** How far the JWT's {@code exp} (whole seconds) may be from the body's {@code expires_at}. */
    static final Duration EXPIRY_TOLERANCE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(AdminUsersResource.class);

    private final PoolseAdmin owner;
    private final ObjectMapper mapper;
    private final RequestPipeline pipeline;
    private final IdempotencyKeys keys;
    private final FeignRequests feign;

    AdminUsersResource(PoolseAdmin owner, String apiUrl, ObjectMapper mapper, RequestPipeline pipeline,
            IdempotencyKeys keys) {
        this.owner = owner;
        this.mapper = mapper;
        this.pipeline = pipeline;
        this.keys = keys;
        this.feign = new FeignRequests(apiUrl, mapper);
    }

    // ---- upsert ----

    /**
     * Provisions the user with this external id, or returns the existing one.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @return the user and whether this call created it
     */
    public UpsertedUser upsert(String externalId) {
        return upsert(externalId, RequestOptions.defaults());
    }

    /**
     * Provisions the user with this external id, or returns the existing one.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @param options per-call options
     * @return the user and whether this call created it
     */
    public UpsertedUser upsert(String externalId, RequestOptions options) {
        return upsert(requestFor(externalId), options);
    }

    /**
     * Provisions the user, or returns the existing one with the request's display name and custom
     * data applied.
     *
     * @param request the external id (required), display name and custom data
     * @return the user and whether this call created it
     */
    public UpsertedUser upsert(UserCreateRequest request) {
        return upsert(request, RequestOptions.defaults());
    }

    /**
     * Provisions the user, or returns the existing one with the request's display name and custom
     * data applied.
     *
     * @param request the external id (required), display name and custom data
     * @param options per-call options
     * @return the user and whether this call created it
     */
    public UpsertedUser upsert(UserCreateRequest request, RequestOptions options) {
        check(request, options);
        return Calls.blocking(() -> upsertAsync(request, options));
    }

    /**
     * Starts {@link #upsert(String)}.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @return a future of the user; cancelling it aborts the request
     */
    public CompletableFuture<UpsertedUser> upsertAsync(String externalId) {
        return upsertAsync(externalId, RequestOptions.defaults());
    }

    /**
     * Starts {@link #upsert(String, RequestOptions)}.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @param options per-call options
     * @return a future of the user; cancelling it aborts the request
     */
    public CompletableFuture<UpsertedUser> upsertAsync(String externalId, RequestOptions options) {
        return upsertAsync(requestFor(externalId), options);
    }

    /**
     * Starts {@link #upsert(UserCreateRequest)}.
     *
     * @param request the external id (required), display name and custom data
     * @return a future of the user; cancelling it aborts the request
     */
    public CompletableFuture<UpsertedUser> upsertAsync(UserCreateRequest request) {
        return upsertAsync(request, RequestOptions.defaults());
    }

    /**
     * Starts {@link #upsert(UserCreateRequest, RequestOptions)}. The request is serialized before
     * this returns; changing it afterwards changes nothing.
     *
     * @param request the external id (required), display name and custom data
     * @param options per-call options
     * @return a future of the user; cancelling it aborts the request
     */
    public CompletableFuture<UpsertedUser> upsertAsync(UserCreateRequest request, RequestOptions options) {
        check(request, options);
        return call(options, api -> key -> api.createUser(request, key), (status, body) -> {
            User user = mapper.readValue(requireBody(body), User.class);
            if (user == null || user.getId() == null) {
                throw new IOException("the user in the response has no id");
            }
            LOG.debug("user {} {}", user.getId(), status == 201 ? "created" : "already existed");
            return new UpsertedUser(user, status == 201);
        });
    }

    // ---- mintToken ----

    /**
     * Mints an end-user JWT for this user.
     *
     * @param userId the Poolse user id (from {@link #upsert(String)})
     * @return the token and its expiry
     */
    public MintedToken mintToken(UUID userId) {
        return mintToken(userId, RequestOptions.defaults());
    }

    /**
     * Mints an end-user JWT for this user.
     *
     * @param userId the Poolse user id (from {@link #upsert(String)})
     * @param options per-call options
     * @return the token and its expiry
     * @throws dev.poolse.sdk.ApiException {@code 404 user_not_found} for an unknown id
     */
    public MintedToken mintToken(UUID userId, RequestOptions options) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(options, "options");
        return Calls.blocking(() -> mintTokenAsync(userId, options));
    }

    /**
     * Starts {@link #mintToken(UUID)}.
     *
     * @param userId the Poolse user id
     * @return a future of the token; cancelling it aborts the request
     */
    public CompletableFuture<MintedToken> mintTokenAsync(UUID userId) {
        return mintTokenAsync(userId, RequestOptions.defaults());
    }

    /**
     * Starts {@link #mintToken(UUID, RequestOptions)}. The future fails with
     * {@link dev.poolse.sdk.PoolseException} when the JWT's {@code exp} claim and the response's
     * {@code expires_at} disagree by more than a second, or neither is present.
     *
     * @param userId the Poolse user id
     * @param options per-call options
     * @return a future of the token; cancelling it aborts the request
     */
    public CompletableFuture<MintedToken> mintTokenAsync(UUID userId, RequestOptions options) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(options, "options");
        owner.ensureOpen();
        return call(options, api -> key -> api.createUserToken(userId, key),
                (status, body) -> minted(userId, mapper.readValue(requireBody(body), UserToken.class)));
    }

    // ---- mintTokenFor ----

    /**
     * Provisions the user with this external id when needed, then mints a token for it: what a
     * token endpoint of your backend does for the signed-in user.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @return the token and its expiry
     */
    public MintedToken mintTokenFor(String externalId) {
        return mintTokenFor(externalId, RequestOptions.defaults());
    }

    /**
     * Provisions the user with this external id when needed, then mints a token for it.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @param options options of each of the two requests
     * @return the token and its expiry
     */
    public MintedToken mintTokenFor(String externalId, RequestOptions options) {
        checkExternalId(externalId, "externalId");
        Objects.requireNonNull(options, "options");
        // Two blocking calls in a row: each runs its exchange on this thread.
        UpsertedUser user = upsert(externalId, options);
        return mintToken(user.user().getId(), options);
    }

    /**
     * Starts {@link #mintTokenFor(String)}.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @return a future of the token; cancelling it aborts whichever request is running
     */
    public CompletableFuture<MintedToken> mintTokenForAsync(String externalId) {
        return mintTokenForAsync(externalId, RequestOptions.defaults());
    }

    /**
     * Starts {@link #mintTokenFor(String, RequestOptions)}.
     *
     * @param externalId the user's id in your system, 1 to 255 characters, not blank
     * @param options options of each of the two requests
     * @return a future of the token; cancelling it aborts whichever request is running
     */
    public CompletableFuture<MintedToken> mintTokenForAsync(String externalId, RequestOptions options) {
        checkExternalId(externalId, "externalId");
        Objects.requireNonNull(options, "options");
        PoolseFuture<MintedToken> result = new PoolseFuture<>();
        CompletableFuture<UpsertedUser> upsert = upsertAsync(externalId, options);
        AtomicReference<CompletableFuture<?>> current = new AtomicReference<>(upsert);
        result.onCancel(() -> current.get().cancel(true));
        upsert.whenComplete((user, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            CompletableFuture<MintedToken> mint;
            try {
                mint = mintTokenAsync(user.user().getId(), options);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            current.set(mint);
            if (result.isCancelled()) {
                mint.cancel(true);
            }
            mint.whenComplete((token, e) -> {
                if (e != null) {
                    result.completeExceptionally(unwrap(e));
                } else {
                    result.complete(token);
                }
            });
        });
        return result;
    }

    // ---- shared ----

    private <T> CompletableFuture<T> call(RequestOptions options, Function<UsersApi, java.util.function.Consumer<String>> invocation,
            ResponseDecoder<T> decoder) {
        PreparedRequest request;
        try {
            // Chosen once, before the first attempt: every retry of this call sends the same key.
            String key = keys.forCall(options);
            request = feign.capture(UsersApi.class, api -> invocation.apply(api).accept(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return pipeline.execute(request, options, decoder);
    }

    private void check(UserCreateRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        checkExternalId(request.getExternalId(), "request.externalId");
        String name = request.getDisplayName();
        if (name != null && name.length() > MAX_EXTERNAL_ID_LENGTH) {
            throw new IllegalArgumentException("request.displayName must be at most " + MAX_EXTERNAL_ID_LENGTH
                    + " characters, got " + name.length());
        }
        owner.ensureOpen();
    }

    private static UserCreateRequest requestFor(String externalId) {
        checkExternalId(externalId, "externalId");
        return new UserCreateRequest().externalId(externalId);
    }

    static void checkExternalId(String externalId, String name) {
        Objects.requireNonNull(externalId, name);
        if (externalId.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_EXTERNAL_ID_LENGTH
                    + " characters, got " + externalId.length());
        }
    }

    private static byte[] requireBody(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new IOException("the response has no body");
        }
        return body;
    }

    /**
     * The token with its expiry: the JWT's {@code exp}, which is what servers and the SDK's token
     * cache go by, checked against the body's {@code expires_at}. The token is never quoted.
     */
    static MintedToken minted(UUID userId, UserToken body) throws IOException {
        if (body == null || body.getToken() == null || body.getToken().isBlank()) {
            throw new IOException("the response has no token");
        }
        Optional<Instant> exp = JwtExpiry.of(body.getToken());
        Instant stated = body.getExpiresAt() == null ? null : body.getExpiresAt().toInstant();
        if (exp.isEmpty() && stated == null) {
            throw new IOException("the token has no exp claim and the response no expires_at");
        }
        if (exp.isPresent() && stated != null
                && Duration.between(exp.get(), stated).abs().compareTo(EXPIRY_TOLERANCE) > 0) {
            throw new IOException("the token's exp claim (" + exp.get() + ") disagrees with expires_at ("
                    + stated + ")");
        }
        return new MintedToken(userId, body.getToken(), exp.orElse(stated));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** {@return a description without the key} */
    @Override
    public String toString() {
        return "AdminUsersResource{" + owner + "}";
    }
}
