package dev.poolse.sdk.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import dev.poolse.sdk.RequestTimeoutException;
import dev.poolse.sdk.internal.http.Credentials;

/**
 * Caches the end-user token between calls to the application's token provider.
 *
 * <ul>
 *   <li>A JWT is served until 30 seconds before its {@code exp} claim (read, not verified).</li>
 *   <li>Opaque tokens and JWTs already inside that margin are served for 60 seconds, so a
 *       provider that keeps returning the same stale token is not called on every request.</li>
 *   <li>Concurrent callers that find no fresh token share one provider call.</li>
 *   <li>{@code null} (no token: the request goes without {@code Authorization}) is passed through
 *       and never cached.</li>
 *   <li>{@link #invalidate()} drops the token, e.g. after a 401, so the next caller refreshes.</li>
 *   <li>A provider call that has not answered within the token timeout fails its waiters with
 *       {@link RequestTimeoutException} and is abandoned (cancelled, which interrupts a blocking
 *       provider): the next {@link #get()} calls the provider again instead of joining a call
 *       that may never end.</li>
 * </ul>
 *
 * <p>Thread-safe. The provider call itself runs wherever {@code fetch} runs it; this class never
 * blocks while holding its lock.
 */
public final class TokenCache implements Credentials {
    /** How long before {@code exp} a JWT stops being served. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    /** How long an opaque or already-expired token is served. */
    public static final Duration OPAQUE_TTL = Duration.ofSeconds(60);

    /**
     * Schedules the token timeout; tests pass a manual one.
     */
    @FunctionalInterface
    public interface Timer {
        /**
         * @param delay how long to wait
         * @param task what to run then
         * @return cancels the task
         */
        Runnable schedule(Duration delay, Runnable task);
    }

    private final Supplier<CompletableFuture<String>> fetch;
    private final Clock clock;
    private final Duration timeout;
    private final Timer timer;
    private final Object lock = new Object();

    private String token;
    private Instant freshUntil = Instant.MIN;
    private CompletableFuture<String> inFlight;

    /**
     * @param fetch starts one provider call; its future completes with the token or {@code null}
     * @param clock time source, injectable for tests
     */
    public TokenCache(Supplier<CompletableFuture<String>> fetch, Clock clock) {
        this(fetch, clock, null, null);
    }

    /**
     * @param fetch starts one provider call; its future completes with the token or {@code null}
     * @param clock time source, injectable for tests
     * @param timeout longest a provider call may take, {@code null} for no bound
     * @param timer schedules that bound; required when {@code timeout} is set
     */
    public TokenCache(Supplier<CompletableFuture<String>> fetch, Clock clock, Duration timeout, Timer timer) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = timeout;
        this.timer = timeout == null ? null : Objects.requireNonNull(timer, "timer");
    }

    /**
     * A fresh token: the cached one, the in-flight refresh, or a new provider call.
     *
     * @return a future owned by the caller (cancelling it does not disturb other waiters)
     */
    @Override
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
    @Override
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
        if (timeout != null && !call.isDone()) {
            CompletableFuture<String> abandoned = call;
            Runnable cancelTimer;
            try {
                cancelTimer = timer.schedule(timeout, () -> {
                    synchronized (lock) {
                        if (inFlight == shared) {
                            inFlight = null;
                        }
                    }
                    shared.completeExceptionally(new RequestTimeoutException(
                            "token provider did not answer within " + timeout, timeout, 0));
                    abandoned.cancel(true);
                });
            } catch (RuntimeException e) {
                cancelTimer = () -> { };
                // No timer (the client is closing): the call still completes or is cancelled there.
            }
            Runnable cancel = cancelTimer;
            call.whenComplete((v, e) -> cancel.run());
        }
        call.whenComplete((value, error) -> {
            synchronized (lock) {
                // After the timeout the call was abandoned: its late answer is not cached.
                boolean current = inFlight == shared;
                if (current) {
                    inFlight = null;
                }
                if (current && error == null && value != null) {
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
