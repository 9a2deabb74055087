package dev.poolse.bench.micro;

import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.PoolseUserProfile;
import dev.poolse.sdk.internal.auth.TokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH micro-benchmarks of the cost every SDK call pays on a warm cache: reading the cached token before a request,
 * and reading a cached user profile. Run by {@link MicroBenchmarks}; the score is nanoseconds per read.
 */
@State(Scope.Benchmark)
public class CacheHitBenchmarks {

    private TokenCache tokens;
    private Poolse chat;

    /** Each benchmark thread's position in the user cycle, so threads never share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        /** Creates the cursor; JMH instantiates it. */
        public Cursor() {
        }

        String nextUser() {
            next = (next + 1) % 50;
            return "user-" + next;
        }
    }

    /** Creates the state; JMH instantiates it. */
    public CacheHitBenchmarks() {
    }

    /**
     * Fills both caches so every measured read is a hit.
     *
     * @throws Exception never in practice; the resolver cannot fail
     */
    @Setup(Level.Trial)
    public void fill() throws Exception {
        String jwt = jwtExpiringAt(Instant.now().plusSeconds(3600));
        tokens = new TokenCache(() -> CompletableFuture.completedFuture(jwt), Clock.systemUTC());
        tokens.get().join();
        chat = Poolse.builder()
                .apiUrl("http://127.0.0.1:9")
                .tokenProvider(() -> jwt)
                .userResolver(externalId -> new PoolseUserProfile("User " + externalId, null))
                .build();
        for (int i = 0; i < 50; i++) {
            chat.users().get("user-" + i);
        }
    }

    /** Releases the client's shared threads. */
    @TearDown(Level.Trial)
    public void close() {
        chat.close();
    }

    /**
     * One token read on a warm cache.
     *
     * @return the token, consumed by JMH so the read is not optimised away
     */
    @Benchmark
    public String tokenHit() {
        return tokens.get().join();
    }

    /**
     * One profile lookup on a warm cache, cycling over 50 users.
     *
     * @param cursor this thread's position in the cycle
     * @return the profile, consumed by JMH
     */
    @Benchmark
    public Optional<PoolseUserProfile> profileHit(Cursor cursor) {
        return chat.users().get(cursor.nextUser());
    }

    private static String jwtExpiringAt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
                + ".sig";
    }
}
