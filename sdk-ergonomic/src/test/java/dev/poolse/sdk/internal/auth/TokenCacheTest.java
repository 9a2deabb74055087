package dev.poolse.sdk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import dev.poolse.sdk.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static String jwt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"u\",\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".sig";
    }

    private final ManualClock clock = new ManualClock(T0);
    private final AtomicInteger calls = new AtomicInteger();

    private TokenCache cacheReturning(String... tokens) {
        return new TokenCache(() -> CompletableFuture.completedFuture(tokens[Math.min(calls.getAndIncrement(),
                tokens.length - 1)]), clock);
    }

    @Test
    void servesJwtUntilThirtySecondsBeforeExpiry() throws Exception {
        String first = jwt(T0.plus(Duration.ofMinutes(10)));
        TokenCache cache = cacheReturning(first, "second");
        assertThat(cache.get().get()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(9).plusSeconds(29));
        assertThat(cache.get().get()).isEqualTo(first);
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get().get()).isEqualTo("second");
        assertThat(calls).hasValue(2);
    }

    @Test
    void opaqueTokenIsCachedForSixtySeconds() throws Exception {
        TokenCache cache = cacheReturning("opaque-1", "opaque-2");
        cache.get().get();
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get().get()).isEqualTo("opaque-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get().get()).isEqualTo("opaque-2");
    }

    @Test
    void alreadyExpiredJwtIsCachedForSixtySeconds() throws Exception {
        String expired = jwt(T0.minusSeconds(5));
        TokenCache cache = cacheReturning(expired, "fresh");
        cache.get().get();
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get().get()).isEqualTo(expired);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get().get()).isEqualTo("fresh");
    }

    @Test
    void nullIsNeverCached() throws Exception {
        TokenCache cache = cacheReturning(null, null, "later");
        assertThat(cache.get().get()).isNull();
        assertThat(cache.get().get()).isNull();
        assertThat(cache.get().get()).isEqualTo("later");
        assertThat(calls).hasValue(3);
    }

    @Test
    void invalidateForcesAProviderCall() throws Exception {
        TokenCache cache = cacheReturning(jwt(T0.plus(Duration.ofHours(1))), "after-invalidate");
        cache.get().get();
        cache.invalidate();
        assertThat(cache.get().get()).isEqualTo("after-invalidate");
    }

    @Test
    void concurrentTokenRefreshMakesOneProviderCall() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        TokenCache cache = new TokenCache(() -> {
            calls.incrementAndGet();
            return pending;
        }, clock);
        List<CompletableFuture<String>> waiters = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Thread t = new Thread(() -> {
                CompletableFuture<String> f = cache.get();
                synchronized (waiters) {
                    waiters.add(f);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(5_000);
        }
        pending.complete("shared");
        for (CompletableFuture<String> f : waiters) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("shared");
        }
        assertThat(waiters).hasSize(32);
        assertThat(calls).hasValue(1);
    }

    @Test
    void cancellingOneWaiterDoesNotDisturbOthers() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        TokenCache cache = new TokenCache(() -> pending, clock);
        CompletableFuture<String> a = cache.get();
        CompletableFuture<String> b = cache.get();
        a.cancel(true);
        pending.complete("t");
        assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("t");
    }

    @Test
    void providerFailureIsNotCached() throws Exception {
        AtomicInteger n = new AtomicInteger();
        TokenCache cache = new TokenCache(() -> n.getAndIncrement() == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                : CompletableFuture.completedFuture("ok"), clock);
        assertThat(cache.get()).isCompletedExceptionally();
        assertThat(cache.get().get()).isEqualTo("ok");
    }

    @Test
    void hungProviderCallTimesOutAndTheNextGetCallsTheProviderAgain() throws Exception {
        List<Runnable> timers = new ArrayList<>();
        List<CompletableFuture<String>> fetches = new ArrayList<>();
        TokenCache cache = new TokenCache(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        }, clock, Duration.ofSeconds(20), (delay, task) -> {
            assertThat(delay).isEqualTo(Duration.ofSeconds(20));
            timers.add(task);
            return () -> timers.remove(task);
        });
        CompletableFuture<String> waiting = cache.get();
        assertThat(timers).hasSize(1);
        timers.get(0).run(); // the timeout fires
        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiting.handle((v, e) -> e.getCause()).get())
                .isInstanceOf(dev.poolse.sdk.RequestTimeoutException.class)
                .hasMessageContaining("token provider did not answer within PT20S");
        assertThat(fetches.get(0)).as("abandoned call cancelled").isCancelled();
        CompletableFuture<String> next = cache.get();
        assertThat(fetches).as("a new provider call").hasSize(2);
        fetches.get(1).complete("t2");
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("t2");
        assertThat(timers).as("both timers cancelled: one fired, one answered in time").isEmpty();
    }
}
