package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.Me;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.UserChannel;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After {@link Poolse#close()} every public call fails at once with the closed client's exception. */
class ClosedClientTest {
    static final String ME = "{\"id\":\"" + UUID.randomUUID() + "\",\"external_id\":\"alice\"}";

    MockWebServer server;
    Poolse chat;

    @BeforeEach
    void start() throws Exception {
        server = StubServers.startLoopback();
        chat = Poolse.builder().apiUrl(server.url("/").toString()).tokenProvider(() -> "token")
                .wsUrl("ws://127.0.0.1:1").build();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        server.shutdown();
    }

    static void assertClosed(Throwable t) {
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("this Poolse client is closed");
    }

    static Throwable failureOf(CompletableFuture<?> f) {
        assertThat(f).as("completed at once").isDone();
        try {
            f.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("future completed normally");
    }

    @Test
    void blockingCallOnAHandleObtainedBeforeCloseThrowsClosed() {
        MeResource me = chat.me();
        chat.close();
        assertThatThrownBy(me::show).satisfies(ClosedClientTest::assertClosed);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void asyncCallAfterCloseReturnsAFutureAlreadyFailedWithClosed() {
        MeResource me = chat.me();
        chat.close();
        assertClosed(failureOf(me.showAsync()));
    }

    @Test
    void callAfterCloseIsRefusedEvenWithACachedToken() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        MeResource me = chat.me();
        Me first = me.show();
        assertThat(first.getExternalId()).isEqualTo("alice");
        chat.close();
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(ME));
        assertThatThrownBy(me::show).satisfies(ClosedClientTest::assertClosed);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void everyAccessorThrowsClosedAfterClose() {
        chat.close();
        List<Runnable> calls = List.of(chat::me, chat::conversations, chat::messages, chat::attachments,
                chat::users, chat::rest, chat::realtime, chat::invalidateToken);
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).satisfies(ClosedClientTest::assertClosed);
        }
    }

    @Test
    void usersCacheObtainedBeforeCloseRefusesAfterIt() {
        UsersResource users = chat.users();
        chat.close();
        assertThatThrownBy(() -> users.get("bob")).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> users.peek("bob")).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> users.subscribe("bob", () -> { })).satisfies(ClosedClientTest::assertClosed);
        assertClosed(failureOf(users.getAsync("bob")));
    }

    @Test
    void callWaitingForTheServerAtCloseFailsWithClosed() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CompletableFuture<Me> call = chat.me().showAsync();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        chat.close();
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().satisfies(ClosedClientTest::assertClosed);
    }

    @Test
    void callWaitingForTheTokenProviderAtCloseFailsWithClosedNotAsAProviderFailure() throws Exception {
        CountDownLatch providerCalled = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Poolse blocked = Poolse.builder().apiUrl(server.url("/").toString()).tokenProvider(() -> {
            providerCalled.countDown();
            never.await();
            return "token";
        }).build();
        CompletableFuture<Me> call = blocked.me().showAsync();
        assertThat(providerCalled.await(5, TimeUnit.SECONDS)).isTrue();
        blocked.close();
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().satisfies(ClosedClientTest::assertClosed);
    }

    @Test
    void channelCallsAfterCloseThrowClosedAndClosedIsStillTheLastStatus() throws Exception {
        PoolseRealtime rt = chat.realtime();
        List<RealtimeStatus> statuses = new CopyOnWriteArrayList<>();
        rt.onStatus(statuses::add);
        ConversationChannel conversation = rt.conversation(UUID.randomUUID());
        UserChannel user = rt.user(UUID.randomUUID());
        chat.close();
        assertThat(statuses).isNotEmpty().last().isEqualTo(RealtimeStatus.CLOSED);
        assertThatThrownBy(() -> conversation.onMessage(m -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> conversation.onTypingStart(e -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> conversation.onPresenceState(s -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> conversation.onError(e -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(conversation::sendTyping).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> user.onMention(e -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> rt.onStatus(s -> { })).satisfies(ClosedClientTest::assertClosed);
        assertThatThrownBy(() -> rt.conversation(UUID.randomUUID())).satisfies(ClosedClientTest::assertClosed);
        assertClosed(failureOf(conversation.joined()));
        assertClosed(failureOf(user.joined()));
    }
}
