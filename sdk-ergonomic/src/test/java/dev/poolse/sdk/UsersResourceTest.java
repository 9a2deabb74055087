package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsersResourceTest {
    final ExecutorService pool = Executors.newCachedThreadPool();
    final AtomicInteger calls = new AtomicInteger();
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    UsersResource users(UserResolver resolver, int size) {
        return new UsersResource(resolver, pool, Runnable::run, size, Duration.ofSeconds(5), clock);
    }

    @Test
    void peekTellsUnknownNotFoundAndFoundApart() {
        UsersResource users = users(id -> id.equals("alice") ? new PoolseUserProfile("Alice", null) : null, 10);
        assertThat(users.peek("alice")).isEqualTo(UserLookup.unknown());
        users.get("alice");
        users.get("ghost");
        assertThat(users.peek("alice")).isEqualTo(new UserLookup.Found(new PoolseUserProfile("Alice", null)));
        assertThat(users.peek("ghost")).isEqualTo(UserLookup.notFound());
    }

    @Test
    void concurrentGetsShareOneResolverCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        UsersResource users = users(id -> {
            calls.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return new PoolseUserProfile(id, null);
        }, 10);
        List<CompletableFuture<Optional<PoolseUserProfile>>> gets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            gets.add(users.getAsync("bob"));
        }
        release.countDown();
        for (CompletableFuture<Optional<PoolseUserProfile>> g : gets) {
            assertThat(g.get(5, TimeUnit.SECONDS)).contains(new PoolseUserProfile("bob", null));
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void resolverFailureIsCachedOnlyBriefly() {
        UsersResource users = users(id -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("directory down");
            }
            return new PoolseUserProfile("Bob", null);
        }, 10);
        assertThatThrownBy(() -> users.get("bob")).cause().isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> users.get("bob")).cause().isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(users.get("bob")).contains(new PoolseUserProfile("Bob", null));
        assertThat(calls).hasValue(2);
    }

    @Test
    void cacheIsBoundedLeastRecentlyUsedFirst() {
        UsersResource users = users(id -> {
            calls.incrementAndGet();
            return new PoolseUserProfile(id, null);
        }, 2);
        users.get("a");
        users.get("b");
        users.peek("a");
        users.get("c");
        assertThat(users.peek("b")).isEqualTo(UserLookup.unknown());
        assertThat(users.peek("a")).isInstanceOf(UserLookup.Found.class);
        assertThat(users.peek("c")).isInstanceOf(UserLookup.Found.class);
    }

    @Test
    void invalidateForgetsAndNotifies() {
        UsersResource users = users(id -> new PoolseUserProfile(id, null), 10);
        AtomicInteger fired = new AtomicInteger();
        users.subscribe("alice", fired::incrementAndGet);
        // A resolution notifies on the resolver's thread after get() returns, so wait for each one.
        users.get("alice");
        awaitValue(fired, 1);
        users.invalidate("alice");
        assertThat(fired).hasValue(2);
        assertThat(users.peek("alice")).isEqualTo(UserLookup.unknown());
        users.get("alice");
        awaitValue(fired, 3);
        users.invalidateAll();
        assertThat(fired).hasValue(4);
    }

    private static void awaitValue(AtomicInteger counter, int value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> counter.get() == value);
    }

    @Test
    void throwingListenerDoesNotStopOthers() {
        UsersResource users = users(id -> new PoolseUserProfile(id, null), 10);
        AtomicInteger second = new AtomicInteger();
        users.subscribe("alice", () -> {
            throw new RuntimeException("listener bug");
        });
        users.subscribe("alice", second::incrementAndGet);
        users.get("alice");
        awaitValue(second, 1);
    }

    @Test
    void closedSubscriptionStopsNotifications() {
        UsersResource users = users(id -> new PoolseUserProfile(id, null), 10);
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        Subscription s = users.subscribe("alice", fired::incrementAndGet);
        users.subscribe("alice", kept::incrementAndGet);
        s.close();
        users.get("alice");
        // The kept listener runs in the same notification, so once it has run the closed one would have too.
        awaitValue(kept, 1);
        assertThat(fired).hasValue(0);
    }

    @Test
    void withoutResolverEverythingIsUnknown() {
        UsersResource users = users(null, 10);
        assertThat(users.get("alice")).isEmpty();
        assertThat(users.peek("alice")).isEqualTo(UserLookup.unknown());
    }

    @Test
    void uncheckedResolverFailureReachesTheCallerAsAPoolseException() {
        IllegalStateException down = new IllegalStateException("directory down");
        UsersResource users = users(id -> {
            throw down;
        }, 10);
        assertThatThrownBy(() -> users.get("bob")).isExactlyInstanceOf(PoolseException.class)
                .hasMessageStartingWith("user resolver failed for bob")
                .cause().isSameAs(down);
    }
}
