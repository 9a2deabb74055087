package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token provider that hangs or fails: bounded waits and errors that blame the provider only when it failed. */
class TokenProviderEdgesTest {
    static final String ME = "{\"id\":\"" + UUID.randomUUID() + "\",\"external_id\":\"alice\"}";
    // Long enough for a fresh callback thread to start and answer on a loaded machine; short enough
    // for the hang tests to stay within their own bounds.
    static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(2);

    MockWebServer server;
    Poolse chat;
    final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = StubServers.startLoopback();
    }

    @AfterEach
    void stop() throws Exception {
        never.countDown();
        if (chat != null) {
            chat.close();
        }
        server.shutdown();
    }

    Poolse.Builder builder() {
        return Poolse.builder().apiUrl(server.url("/").toString()).tokenTimeout(TOKEN_TIMEOUT);
    }

    @Test
    void defaultTokenTimeoutIsTwentySeconds() {
        assertThat(Poolse.DEFAULT_TOKEN_TIMEOUT).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void blockingProviderThatNeverReturnsFailsTheCallWithRequestTimeoutWithoutACallTimeout() {
        chat = builder().tokenProvider(() -> {
            never.await();
            return "token";
        }).build();
        // The bound of the test itself: a hang fails it instead of stalling the build.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> chat.me().show())
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("token provider did not answer within"));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void asyncProviderThatNeverCompletesFailsTheCallWithRequestTimeoutWithoutACallTimeout() throws Exception {
        chat = builder().asyncTokenProvider(CompletableFuture::new).build();
        CompletableFuture<?> call = chat.me().showAsync();
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("token provider did not answer within " + TOKEN_TIMEOUT);
    }

    @Test
    void hungBlockingProviderIsInterruptedAtTheTimeout() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        chat = builder().tokenProvider(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "token";
        }).build();
        chat.me().showAsync();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("provider thread interrupted").isTrue();
    }

    @Test
    void callAfterATokenTimeoutAsksTheProviderAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        chat = builder().tokenProvider(() -> {
            if (calls.incrementAndGet() == 1) {
                never.await();
            }
            return "token-" + calls.get();
        }).build();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> chat.me().show())
                .isInstanceOf(RequestTimeoutException.class));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        chat.me().show();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization")).isEqualTo("Bearer token-2");
    }

    @Test
    void providerFailureSaysTokenProviderFailedAndKeepsItsCause() {
        IOException down = new IOException("auth backend down");
        chat = builder().tokenProvider(() -> {
            throw down;
        }).build();
        assertThatThrownBy(() -> chat.me().show())
                .isExactlyInstanceOf(PoolseException.class)
                .hasMessageStartingWith("token provider failed")
                .hasMessageContaining("auth backend down")
                .cause().isSameAs(down);
    }

    @Test
    void asyncProviderFailureSaysTokenProviderFailedAndKeepsItsCause() {
        IllegalStateException down = new IllegalStateException("auth backend down");
        chat = builder().asyncTokenProvider(() -> CompletableFuture.failedFuture(down)).build();
        assertThatThrownBy(() -> chat.me().show())
                .isExactlyInstanceOf(PoolseException.class)
                .hasMessageStartingWith("token provider failed")
                .cause().isSameAs(down);
    }

    @Test
    void invalidateTokenMakesTheNextCallAskTheProvider() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        chat = builder().tokenProvider(() -> "token-" + calls.incrementAndGet()).build();
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        chat.me().show();
        chat.me().show();
        chat.invalidateToken();
        chat.me().show();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization")).isEqualTo("Bearer token-2");
    }
}
