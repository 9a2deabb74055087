package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Message;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeStatus;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Figure 4, realtime half: a bare Phoenix stub sends malformed frames, unknown events, payloads of
 * the wrong shape or lacking a required property, and an oversized frame to a joined conversation
 * channel. Each must be skipped and reported to {@code onSocketError} (or, for the oversized frame,
 * end the connection, which then reconnects); listeners see only well-formed events and the next
 * valid message still arrives.
 * The REST half of the SDK (the feed's baseline fetch) talks to a stub that lists no messages.
 */
class HostileRealtimeFramesIT {

    private final UUID conversationId = UUID.fromString("0b8f7c52-3e0a-4a57-9d2c-5a1f0e7c9b11");
    private final String topic = "conversation:" + conversationId;
    private final Queue<Throwable> socketErrors = new ConcurrentLinkedQueue<>();
    private final Queue<Message> delivered = new ConcurrentLinkedQueue<>();
    private final Queue<Object> otherEvents = new ConcurrentLinkedQueue<>();
    private MockWebServer rest;
    private PhoenixStubServer phoenix;
    private Poolse chat;
    private ConversationChannel channel;

    @BeforeEach
    void joinThroughTheStubs() throws Exception {
        rest = new MockWebServer();
        rest.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath() != null && request.getPath().startsWith("/v1/conversations/" + conversationId + "/messages")) {
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"data\":[]}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        rest.start(InetAddress.getLoopbackAddress(), 0);
        phoenix = PhoenixStubServer.start(null);
        chat = Poolse.builder()
                .apiUrl("http://127.0.0.1:" + rest.getPort())
                .wsUrl("ws://127.0.0.1:" + phoenix.port())
                .tokenProvider(() -> "opaque-test-token")
                .onSocketError(socketErrors::add)
                .realtime(r -> r.maxFrameBytes(256 * 1024))
                .build();
        channel = chat.realtime().conversation(conversationId);
        channel.onMessage(delivered::add);
        channel.onMessageUpdated(otherEvents::add);
        channel.onMessageDeleted(otherEvents::add);
        channel.onReactionAdded(otherEvents::add);
        channel.onMemberRead(otherEvents::add);
        channel.onTypingStart(otherEvents::add);
        channel.onPresenceDiff(otherEvents::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.state() == ChannelState.JOINED);
        // The feed takes its baseline over REST after the first join; wait for it so that the
        // valid message below is delivered live rather than fetched.
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.getRequestCount() >= 1);
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        phoenix.close();
        rest.shutdown();
    }

    private String frame(String event, String payload) {
        return "[\"" + phoenix.joinRef(topic) + "\",null,\"" + topic + "\",\"" + event + "\"," + payload + "]";
    }

    private String validMessage(long sequence) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"conversation_id\":\"" + conversationId + "\","
                + "\"tenant_id\":\"" + UUID.randomUUID() + "\",\"sender_id\":\"" + UUID.randomUUID() + "\","
                + "\"sender_external_id\":\"alice\",\"type\":\"text\",\"body\":\"hello " + sequence + "\","
                + "\"reply_to_id\":null,\"thread_root_id\":null,\"edited_at\":null,\"deleted_at\":null,"
                + "\"sequence\":" + sequence + ",\"reply_count\":0,\"mentions\":[],\"reactions\":{},"
                + "\"attachments\":[],\"inserted_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void malformedFramesAndUnknownEventsAreSkippedAndReportedWithoutReachingListeners() {
        List<String> hostile = List.of(
                "not json at all",
                "[\"1\",null,\"" + topic + "\",\"message:new\"",
                "[\"1\",null,\"" + topic + "\",\"message:new\"]",
                "{\"topic\":\"" + topic + "\"}",
                "[\"1\",null,\"" + topic + "\",\"message:new\",\"payload is not an object\"]",
                "[{\"join\":1},null,\"" + topic + "\",\"message:new\",{}]",
                "[\"1\",null,42,\"message:new\",{}]",
                "[".repeat(5_000) + "]".repeat(5_000),
                frame("totally:unknown", "{\"x\":1}"),
                frame("message:new", "{\"id\":\"not-a-uuid\",\"sequence\":\"seven\"}"),
                frame("message:updated", "{\"sequence\":[1,2,3]}"),
                frame("message:new", validMessage(2).replace("\"body\":\"hello 2\",", "")),
                frame("reaction:added", "{\"message_id\":{}}"),
                frame("presence_diff", "{\"joins\":\"nobody\",\"leaves\":7}"),
                frame("phx_reply", "{\"status\":\"ok\"}"),
                "[null,\"999\",\"phoenix\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]",
                "[\"7\",null,\"conversation:someone-else\",\"message:new\",{}]");
        for (String text : hostile) {
            phoenix.sendText(text);
        }
        phoenix.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        phoenix.sendText(frame("message:new", validMessage(1)));

        // A timeout is held until the figure is printed, so a red run still says what arrived.
        ConditionTimeoutException stopped = null;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> socketErrors.size() >= 8);
        } catch (ConditionTimeoutException e) {
            stopped = e;
        }
        long listenerFailures = socketErrors.stream().filter(e -> String.valueOf(e.getMessage()).contains("listener")).count();
        System.out.printf("hostile frames: %d hostile frames sent, %d reported to onSocketError, %d valid message "
                + "delivered, %d other events delivered, %d listener failures, %d upgrades%n", hostile.size() + 1,
                socketErrors.size(), delivered.size(), otherEvents.size(), listenerFailures, phoenix.upgrades());

        if (stopped != null) {
            throw stopped;
        }
        assertThat(delivered).extracting(Message::getSequence).containsExactly(1L);
        assertThat(otherEvents).as("events from malformed payloads").isEmpty();
        assertThat(listenerFailures).as("errors escaping to listeners").isZero();
        assertThat(chat.realtime().status()).isEqualTo(RealtimeStatus.CONNECTED);
        assertThat(phoenix.upgrades()).as("the connection survived every skipped frame").isEqualTo(1);
    }

    @Test
    void oversizedFrameEndsTheConnectionWhichReconnectsAndDeliversTheNextMessage() {
        phoenix.sendText(frame("message:new", "{\"body\":\"" + "x".repeat(1024 * 1024) + "\"}"));
        // A timeout is held until the figure is printed, so a red run still says how far it got.
        ConditionTimeoutException stopped = null;
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> phoenix.upgrades() >= 2 && channel.state() == ChannelState.JOINED);
            phoenix.sendText(frame("message:new", validMessage(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() >= 1);
        } catch (ConditionTimeoutException e) {
            stopped = e;
        }
        System.out.printf("hostile frames: 1 MB frame over a 256 KB limit -> connection closed and reopened "
                + "(%d upgrades, %d errors reported), next message delivered %d time(s)%n", phoenix.upgrades(),
                socketErrors.size(), delivered.size());
        if (stopped != null) {
            throw stopped;
        }
        assertThat(delivered).extracting(Message::getSequence).containsExactly(1L);
        assertThat(socketErrors).isNotEmpty();
    }
}
