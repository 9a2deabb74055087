package dev.poolse.sdk.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Caches the end-user token between calls to the application's token provider.
 *
 * <ul>
 *   <li>A JWT is served until 30 seconds before its {@code exp} claim (read, not verified).</li>
 *   <li>Opaque tokens and JWTs already inside that margin are served for 60 seconds, so a
 *       provider that keeps returning the same stale token is not called on every request.</li>
 *   <li>Concurrent callers that find no fresh token share one provider call.</li>
 *   <li>{@code null} (anonymous) is passed through and never cached.</li>
 *   <li>{@link #invalidate()} drops the token, e.g. after a 401, so the next caller refreshes.</li>
 * </ul>
 *
 * <p>Thread-safe. The provider call itself runs wherever {@code fetch} runs it; this class never
 * blocks while holding its lock.
 */
public final class TokenCache {
    /** How long before {@code exp} a JWT stops being served. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    /** How long an opaque or already-expired token is served. */
    public static final Duration OPAQUE_TTL = Duration.ofSeconds(60);

    private final Supplier<CompletableFuture<String>> fetch;
    private final Clock clock;
    private final Object lock = new Object();

    private String token;
    private Instant freshUntil = Instant.MIN;
    private CompletableFuture<String> inFlight;

    /**
     * @param fetch starts one provider call; its future completes with the token or {@code null}
     * @param clock time source, injectable for tests
     */
    public TokenCache(Supplier<CompletableFuture<String>> fetch, Clock clock) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A fresh token: the cached one, the in-flight refresh, or a new provider call.
     *
     * @return a future owned by the caller (cancelling it does not disturb other waiters)
     */
    public CompletableFuture<String> get() {
        CompletableFuture<String> shared;
        boolean start = false;
        synchronized (lock) {
            if (token != null && clock.instant().isBefore(freshUntil)) {
                return CompletableFuture.completedFuture(token);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                start = true;
            }
            shared = inFlight;
        }
        if (start) {
            refresh(shared);
        }
        return shared.copy();
    }

    /** Drops the cached token; the next {@link #get()} calls the provider again. */
    public void invalidate() {
        synchronized (lock) {
            token = null;
            freshUntil = Instant.MIN;
        }
    }

    private void refresh(CompletableFuture<String> shared) {
        CompletableFuture<String> call;
        try {
            call = Objects.requireNonNull(fetch.get(), "token fetch returned no future");
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((value, error) -> {
            synchronized (lock) {
                if (inFlight == shared) {
                    inFlight = null;
                }
                if (error == null && value != null) {
                    token = value;
                    freshUntil = freshUntil(value);
                }
            }
            if (error != null) {
                shared.completeExceptionally(error);
            } else {
                shared.complete(value);
            }
        });
    }

    private Instant freshUntil(String value) {
        Instant now = clock.instant();
        Optional<Instant> exp = JwtExpiry.of(value);
        if (exp.isPresent()) {
            Instant refreshAt = exp.get().minus(REFRESH_MARGIN);
            if (refreshAt.isAfter(now)) {
                return refreshAt;
            }
        }
        return now.plus(OPAQUE_TTL);
    }
}
