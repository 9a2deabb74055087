package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.PoolseUserProfile;
import dev.poolse.sdk.internal.auth.TokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's two caches under a stampede: many threads asking at once for a token nobody has yet, and for profiles
 * of a few users nobody has looked up yet. The figures are how many times the application's provider or resolver was
 * called (the point of the caches) and how long the stampede took to be served.
 *
 * <p>The provider and resolver take a couple of milliseconds, like a call to the application's backend, so
 * concurrent readers really overlap the in-flight call. Each figure is the median of several cold rounds after
 * warm-up rounds; the call counts are the worst round.
 */
public final class CacheBenchmark implements Benchmark {

    private static final String SECTION = "caches";
    private static final int THREADS = 16;
    private static final int WARM_ROUNDS = 3;
    private static final int ROUNDS = 5;
    private static final long BACKEND_MILLIS = 2;

    /** Creates the benchmark. */
    public CacheBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        tokens(options, table);
        profiles(options, table);
    }

    private static void tokens(BenchOptions options, ResultTable table) throws Exception {
        int reads = options.cacheReads();
        String jwt = unsignedJwt(Instant.now().plusSeconds(3600));
        ScheduledExecutorService backend = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-token-backend");
            t.setDaemon(true);
            return t;
        });
        try {
            long[] coldNanos = new long[ROUNDS];
            long[] hotNanos = new long[ROUNDS];
            int worstCalls = 0;
            for (int round = 0; round < WARM_ROUNDS + ROUNDS; round++) {
                AtomicInteger calls = new AtomicInteger();
                TokenCache cache = new TokenCache(() -> {
                    calls.incrementAndGet();
                    CompletableFuture<String> f = new CompletableFuture<>();
                    backend.schedule(() -> f.complete(jwt), BACKEND_MILLIS, TimeUnit.MILLISECONDS);
                    return f;
                }, Clock.systemUTC());
                long cold = stampede(reads, i -> cache.get().join());
                long hot = stampede(reads, i -> cache.get().join());
                if (round >= WARM_ROUNDS) {
                    coldNanos[round - WARM_ROUNDS] = cold;
                    hotNanos[round - WARM_ROUNDS] = hot;
                    worstCalls = Math.max(worstCalls, calls.get());
                }
            }
            String params = String.format("%,d reads from %d threads, provider takes %d ms", reads, THREADS,
                    BACKEND_MILLIS);
            table.add(SECTION, "token provider calls for " + String.format("%,d", reads) + " concurrent reads",
                    Figure.of(worstCalls, "calls"), Target.valueAtMost(1, "calls"), params + "; worst of "
                            + ROUNDS + " rounds");
            table.add(SECTION, "token stampede served (cold cache)", Figure.of(median(coldNanos) / 1e6, "ms"),
                    null, "median of " + ROUNDS + " rounds, includes the provider's " + BACKEND_MILLIS + " ms");
            table.add(SECTION, "token read, warm cache", Figure.of(median(hotNanos) / (double) reads, "ns/read"),
                    null, "stampede time / reads, " + THREADS + " threads");
        } finally {
            backend.shutdownNow();
        }
    }

    private static void profiles(BenchOptions options, ResultTable table) throws Exception {
        int lookups = options.cacheReads();
        int users = options.cacheUsers();
        AtomicInteger calls = new AtomicInteger();
        try (Poolse chat = Poolse.builder()
                .apiUrl("http://127.0.0.1:9")
                .tokenProvider(() -> "unused")
                .userResolver(externalId -> {
                    calls.incrementAndGet();
                    Thread.sleep(BACKEND_MILLIS);
                    return new PoolseUserProfile("User " + externalId, null);
                })
                .build()) {
            long[] coldNanos = new long[ROUNDS];
            long[] hotNanos = new long[ROUNDS];
            int worstCalls = 0;
            for (int round = 0; round < WARM_ROUNDS + ROUNDS; round++) {
                chat.users().invalidateAll();
                calls.set(0);
                long cold = stampede(lookups, i -> chat.users().get("user-" + (i % users)));
                long hot = stampede(lookups, i -> chat.users().get("user-" + (i % users)));
                if (round >= WARM_ROUNDS) {
                    coldNanos[round - WARM_ROUNDS] = cold;
                    hotNanos[round - WARM_ROUNDS] = hot;
                    worstCalls = Math.max(worstCalls, calls.get());
                }
            }
            String params = String.format("%,d lookups over %d users from %d threads, resolver takes %d ms",
                    lookups, users, THREADS, BACKEND_MILLIS);
            table.add(SECTION, "resolver calls for " + String.format("%,d", lookups) + " lookups",
                    Figure.of(worstCalls, "calls"), Target.valueAtMost(users, "calls"), params + "; worst of "
                            + ROUNDS + " rounds");
            table.add(SECTION, "profile stampede served (cold cache)", Figure.of(median(coldNanos) / 1e6, "ms"),
                    null, "median of " + ROUNDS + " rounds");
            table.add(SECTION, "profile lookup, warm cache",
                    Figure.of(median(hotNanos) / (double) lookups, "ns/lookup"), null,
                    "stampede time / lookups, " + THREADS + " threads");
        }
    }

    /** A read by index; exceptions end the stampede. */
    @FunctionalInterface
    private interface Read {
        void read(int index) throws Exception;
    }

    /**
     * Releases {@link #THREADS} threads at once to perform {@code total} reads between them; returns the time from
     * release until the last read returned.
     */
    private static long stampede(int total, Read read) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong end = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (int i = worker; i < total; i += THREADS) {
                        read.read(i);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                end.accumulateAndGet(System.nanoTime(), Math::max);
            }, "bench-stampede-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " readers failed", failures.get(0));
        }
        return end.get() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A JWT-shaped token carrying only {@code exp}; the cache reads the claim and never verifies the signature. */
    private static String unsignedJwt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".sig";
    }
}
