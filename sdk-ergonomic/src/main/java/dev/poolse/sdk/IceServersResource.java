package dev.poolse.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.client.api.CallsApi;
import dev.poolse.client.model.IceServersResponse;
import dev.poolse.sdk.internal.http.Calls;
import dev.poolse.sdk.internal.http.PoolseFuture;
import dev.poolse.sdk.internal.http.ResponseDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * ICE servers for peer-to-peer call media ({@code GET /v1/ice-servers}): STUN, plus TURN with
 * short-lived credentials when the deployment has TURN. Obtain with {@link Poolse#iceServers()}.
 * Thread-safe.
 *
 * <p>The response is cached until its {@code ttl_seconds} is nearly used up (a tenth of it, at most
 * a minute, is kept in reserve so handed-out credentials are still good when the WebRTC stack uses
 * them); concurrent calls while nothing valid is cached share one request. A {@code urls} sent as
 * a single string, as WebRTC's {@code RTCIceServer} allows, is read as a one-element list.
 */
public final class IceServersResource {
    private static final Duration MAX_RESERVE = Duration.ofMinutes(1);

    private final RestCore core;
    private final Clock clock;
    private final Object lock = new Object();
    private IceServersResponse cached;
    private Instant refreshAt = Instant.MIN;
    private CompletableFuture<IceServersResponse> inFlight;
    /** Bumped by {@link #invalidate()}, so a response requested before it is not cached. */
    private long generation;

    IceServersResource(RestCore core, Clock clock) {
        this.core = core;
        this.clock = clock;
    }

    /** {@return the ICE servers, from the cache while their credentials are fresh} */
    public IceServersResponse get() {
        return get(RequestOptions.defaults());
    }

    /**
     * Returns the ICE servers, from the cache while their credentials are fresh.
     *
     * @param options per-call options, used when a request is needed
     * @return the ICE servers
     */
    public IceServersResponse get(RequestOptions options) {
        Objects.requireNonNull(options, "options");
        return Calls.join(getAsync(options));
    }

    /** {@return a future of the ICE servers, completed at once from the cache while it is fresh} */
    public CompletableFuture<IceServersResponse> getAsync() {
        return getAsync(RequestOptions.defaults());
    }

    /**
     * Starts {@link #get(RequestOptions)}. Cancelling the returned future does not abort a request
     * that other callers share.
     *
     * @param options per-call options, used when a request is needed
     * @return a future of the ICE servers
     */
    public CompletableFuture<IceServersResponse> getAsync(RequestOptions options) {
        Objects.requireNonNull(options, "options");
        CompletableFuture<IceServersResponse> shared;
        synchronized (lock) {
            if (cached != null && clock.instant().isBefore(refreshAt)) {
                return CompletableFuture.completedFuture(cached);
            }
            if (inFlight == null) {
                Instant requestedAt = clock.instant();
                long requestedIn = generation;
                PoolseFuture<IceServersResponse> call = core.call(options, decoder(), status -> false,
                        CallsApi.class, (api, key) -> api.getIceServers());
                // Callers wait on this stage, not on the call itself, so the cache is up to date
                // (and the slot free for a retry) by the time any caller sees the outcome.
                inFlight = call.handle((response, error) -> {
                    synchronized (lock) {
                        inFlight = null;
                        if (error == null && response != null && requestedIn == generation) {
                            cached = response;
                            refreshAt = requestedAt.plus(usable(response));
                        }
                    }
                    if (error != null) {
                        throw error instanceof java.util.concurrent.CompletionException c ? c
                                : new java.util.concurrent.CompletionException(error);
                    }
                    return response;
                });
            }
            shared = inFlight;
        }
        // A copy, so that one caller cancelling its future does not cancel the shared request.
        return shared.thenApply(r -> r);
    }

    /** Drops the cached servers, so the next call fetches fresh credentials. */
    public void invalidate() {
        synchronized (lock) {
            cached = null;
            refreshAt = Instant.MIN;
            generation++;
        }
    }

    private static Duration usable(IceServersResponse response) {
        Duration ttl = Duration.ofSeconds(response.getTtlSeconds() == null ? 0 : Math.max(0, response.getTtlSeconds()));
        Duration reserve = ttl.dividedBy(10);
        return ttl.minus(reserve.compareTo(MAX_RESERVE) > 0 ? MAX_RESERVE : reserve);
    }

    /** Reads the response, accepting {@code urls} as a string or a list, as RTCIceServer does. */
    private ResponseDecoder<IceServersResponse> decoder() {
        return (status, body) -> {
            JsonNode root = core.mapper.readTree(body);
            for (JsonNode server : root.path("ice_servers")) {
                JsonNode urls = server.get("urls");
                if (server instanceof ObjectNode object && urls != null && urls.isTextual()) {
                    ArrayNode list = object.putArray("urls");
                    list.add(urls.asText());
                }
            }
            return core.mapper.treeToValue(root, IceServersResponse.class);
        };
    }
}
