package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Me;
import dev.poolse.sdk.internal.http.AttemptThreads;
import dev.poolse.sdk.internal.http.SharedResources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The threads of {@code ...Async} calls: their attempts run as blocking sends on the SDK's shared
 * attempt threads, so a call starts no thread; when those are all busy an attempt is sent with
 * {@code sendAsync} at once rather than waiting for one.
 */
class AsyncAttemptsStubTest {
    static final String ME = "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"external_id\":\"alice\"}";

    MockWebServer server;
    Poolse chat;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return me();
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        chat = Poolse.builder().apiUrl(server.url("/").toString()).tokenProvider(() -> "token").build();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        server.shutdown();
    }

    static MockResponse me() {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(ME);
    }

    static long alive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    @Test
    void asyncCallsStartNoThreadPerCall() throws Exception {
        // Warm up: the token, the connection, the pools' first threads.
        for (int i = 0; i < 10; i++) {
            chat.me().showAsync().get(10, TimeUnit.SECONDS);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long before = mx.getTotalStartedThreadCount();

        for (int i = 0; i < 200; i++) {
            assertThat(chat.me().showAsync().get(10, TimeUnit.SECONDS).getExternalId()).isEqualTo("alice");
        }

        long started = mx.getTotalStartedThreadCount() - before;
        // With sendAsync on fewer than three cores this was at least one thread per call (200). A pool
        // thread may start now and then when the one before it has not yet gone idle; the bound leaves
        // room for that on a loaded machine and still fails at one thread per call.
        assertThat(started).as("threads started during 200 sequential async calls").isLessThan(50);
        assertThat(alive("poolse-rest-")).as("attempt threads alive").isPositive();
    }

    @Test
    void aCancelledAttemptLeavesItsThreadFitForTheNextCall() throws Exception {
        PipelineStubTest.cancelAnAsyncCallInFlightAndSeeItsConnectionClosed();
        // The attempt threads are shared: one left interrupted would fail the next call it takes.
        for (int i = 0; i < 5; i++) {
            assertThat(chat.me().showAsync().get(10, TimeUnit.SECONDS).getExternalId()).isEqualTo("alice");
        }
    }

    @Test
    void whenEveryAttemptThreadIsBusyACallIsSentAtOnceAnotherWay() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        MockWebServer slow = new MockWebServer();
        slow.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                held.incrementAndGet();
                hold.await(60, TimeUnit.SECONDS);
                return me();
            }
        });
        slow.start(java.net.InetAddress.getLoopbackAddress(), 0);
        SharedResources shared = SharedResources.acquire();
        List<CompletableFuture<Me>> busy = new ArrayList<>();
        try (Poolse blocked = Poolse.builder().apiUrl(slow.url("/").toString()).tokenProvider(() -> "token")
                .maxRetries(0).build();
                SilentPeer peer = new SilentPeer();
                Poolse silent = Poolse.builder().apiUrl(peer.url()).tokenProvider(() -> "token").maxRetries(0)
                        .build()) {
            for (int i = 0; i < AttemptThreads.MAX_THREADS; i++) {
                busy.add(blocked.me().showAsync());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> held.get() == AttemptThreads.MAX_THREADS);
            assertThat(shared.attempts().threads()).as("attempt threads").isEqualTo(AttemptThreads.MAX_THREADS);

            // Had it waited for an attempt thread, this call would end only after the held ones.
            assertThat(chat.me().showAsync().get(10, TimeUnit.SECONDS).getExternalId()).isEqualTo("alice");
            assertThat(busy).as("held calls").noneMatch(CompletableFuture::isDone);

            // Cancelling a call sent the other way aborts its exchange too.
            CompletableFuture<Me> f = silent.me().showAsync();
            assertThat(peer.awaitRequest(Duration.ofSeconds(10))).startsWith("GET /v1/me ");
            assertThat(f.cancel(true)).isTrue();
            assertThat(peer.closedByClient(Duration.ofSeconds(10))).as("connection closed by the client").isTrue();

            hold.countDown();
            for (CompletableFuture<Me> call : busy) {
                assertThat(call.get(30, TimeUnit.SECONDS).getExternalId()).isEqualTo("alice");
            }
        } finally {
            hold.countDown();
            shared.release();
            slow.shutdown();
        }
    }

    @Test
    void noAttemptThreadOutlivesTheLastClient() throws Exception {
        chat.me().showAsync().get(10, TimeUnit.SECONDS);
        assertThat(alive("poolse-rest-")).isPositive();

        chat.close();

        assertThat(SharedResources.references()).as("clients still open in this JVM").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> alive("poolse-rest-") == 0);
    }
}
