package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.PoolseJson;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.FakeTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a client's life on real threads: an engine thread like the event loop, listeners on a
 * real pool, the fake transport playing the server. {@code CLOSED} must be the last callback of
 * any kind, nothing may be called once {@code close()} returns, and a close from a listener must
 * not wait for itself.
 */
class RealtimeLifecycleTest {
    private static final UUID CONV = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final String TOPIC = "conversation:" + CONV;
    private static final Duration QUIET = Duration.ofMillis(300);

    private final ThreadScheduler scheduler = new ThreadScheduler();
    private final FakeTransport transport = new FakeTransport();
    /** Every callback of every kind, in the order they ran. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ExecutorService callbacks;
    private DefaultPoolseRealtime rt;

    @AfterEach
    void stop() throws InterruptedException {
        if (rt != null) {
            rt.close();
        }
        scheduler.close();
        callbacks.shutdownNow();
        callbacks.awaitTermination(5, TimeUnit.SECONDS);
    }

    private DefaultPoolseRealtime client(ExecutorService executor) {
        callbacks = executor;
        rt = new DefaultPoolseRealtime(
                RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:4000/"))
                        .onSocketError(e -> seen.add("socket-error: " + e.getMessage())).build(),
                new FakeBackend(), scheduler, transport, executor, PoolseJson.newObjectMapper(),
                Backoff.stepped(Backoff.RECONNECT_STEPS_MS, 5000, 0, () -> 0), Backoff.rejoin(), () -> { });
        return rt;
    }

    /** Opens the socket the first channel asked for and accepts its join, on the engine thread. */
    private FakeTransport.FakeConnection openAndJoin() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.call(() -> !transport.connections().isEmpty()));
        FakeTransport.FakeConnection c = scheduler.call(transport::last);
        scheduler.run(() -> {
            c.open();
            c.replyOk("phx_join", "{}");
        });
        return c;
    }

    private static String typing(int n) {
        return "[null,null,\"" + TOPIC + "\",\"typing:start\",{\"user_id\":\"" + new UUID(5, n)
                + "\",\"external_id\":\"peer" + n + "\"}]";
    }

    private void assertNothingMoreIsCalled(int callbacksSoFar) {
        await().during(QUIET).atMost(QUIET.multipliedBy(4)).until(() -> seen.size() == callbacksSoFar);
    }

    @Test
    void closeReportsClosedLastAndNothingIsCalledAfterItReturns() throws Exception {
        client(Executors.newFixedThreadPool(2));
        rt.onStatus(s -> seen.add("status " + s));
        ConversationChannel ch = rt.conversation(CONV);
        ch.onTypingStart(e -> seen.add("typing " + e.externalId()));
        ch.onError(e -> seen.add("channel-error"));
        FakeTransport.FakeConnection c = openAndJoin();
        scheduler.run(() -> c.receive(typing(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("typing peer1"));

        rt.close();

        List<String> atClose = List.copyOf(seen);
        assertThat(atClose).last().isEqualTo("status CLOSED");
        assertThat(atClose).filteredOn("status CLOSED"::equals).hasSize(1);
        assertThat(rt.status()).isEqualTo(RealtimeStatus.CLOSED);
        // Frames still in flight from the old connection, a server error, more status traffic:
        // none of it may reach a listener or onSocketError.
        scheduler.run(() -> {
            c.receiveLate(typing(2));
            c.receiveLate("[null,null,\"" + TOPIC + "\",\"phx_error\",{}]");
            c.receiveLate("not a frame");
        });
        rt.disconnect();
        rt.close();
        assertNothingMoreIsCalled(atClose.size());
    }

    @Test
    void closeWaitsForARunningListenerAndDropsTheEventsQueuedBehindIt() throws Exception {
        client(Executors.newFixedThreadPool(2));
        rt.onStatus(s -> seen.add("status " + s));
        ConversationChannel ch = rt.conversation(CONV);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ch.onTypingStart(e -> {
            seen.add("typing " + e.externalId());
            inListener.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            seen.add("typing done " + e.externalId());
        });
        FakeTransport.FakeConnection c = openAndJoin();
        scheduler.run(() -> {
            c.receive(typing(1));
            c.receive(typing(2));
            c.receive(typing(3));
        });
        assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            rt.close();
            seen.add("close returned");
        });
        // close() is now waiting for the running listener; CLOSED may be reported meanwhile.
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("status CLOSED"));
        assertThat(closed).isNotDone();
        release.countDown();
        closed.get(5, TimeUnit.SECONDS);

        assertThat(seen).filteredOn(s -> s.startsWith("typing")).containsExactly("typing peer1", "typing done peer1");
        assertThat(seen.indexOf("typing done peer1")).isLessThan(seen.indexOf("close returned"));
        assertThat(seen).last().isEqualTo("close returned");
        assertNothingMoreIsCalled(seen.size());
    }

    @Test
    void closeOfAClientThatNeverConnectedStillReportsClosed() {
        client(Executors.newFixedThreadPool(2));
        rt.onStatus(s -> seen.add("status " + s));
        rt.close();
        assertThat(seen).containsExactly("status CLOSED");
        assertThat(transport.connections()).isEmpty();
    }

    @Test
    void closeAfterDisconnectDoesNotReportClosedTwice() throws Exception {
        client(Executors.newFixedThreadPool(2));
        rt.onStatus(s -> seen.add("status " + s));
        rt.conversation(CONV);
        openAndJoin();
        rt.disconnect();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("status CLOSED"));
        rt.close();
        assertThat(seen).containsExactly("status CONNECTING", "status CONNECTED", "status CLOSED");
        assertNothingMoreIsCalled(seen.size());
    }

    @Test
    void closeFromAStatusListenerOnTheOnlyCallbackThreadDoesNotDeadlock() throws Exception {
        client(Executors.newSingleThreadExecutor());
        CompletableFuture<Duration> closeTook = new CompletableFuture<>();
        rt.onStatus(s -> {
            seen.add("status " + s);
            if (s == RealtimeStatus.CONNECTED) {
                long start = System.nanoTime();
                rt.close();
                closeTook.complete(Duration.ofNanos(System.nanoTime() - start));
            }
        });
        rt.conversation(CONV);
        openAndJoin();
        // Well under close()'s own 5 s bound: it must not have waited for its own lane.
        assertThat(closeTook.get(5, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("status CLOSED"));
        assertThat(seen).last().isEqualTo("status CLOSED");
        assertNothingMoreIsCalled(seen.size());
    }

    @Test
    void closeFromAChannelListenerOnTheOnlyCallbackThreadDoesNotDeadlock() throws Exception {
        client(Executors.newSingleThreadExecutor());
        rt.onStatus(s -> seen.add("status " + s));
        ConversationChannel ch = rt.conversation(CONV);
        CompletableFuture<Duration> closeTook = new CompletableFuture<>();
        ch.onTypingStart(e -> {
            long start = System.nanoTime();
            rt.close();
            closeTook.complete(Duration.ofNanos(System.nanoTime() - start));
        });
        FakeTransport.FakeConnection c = openAndJoin();
        scheduler.run(() -> c.receive(typing(1)));
        assertThat(closeTook.get(5, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("status CLOSED"));
        assertThat(seen).last().isEqualTo("status CLOSED");
        assertNothingMoreIsCalled(seen.size());
    }
}
