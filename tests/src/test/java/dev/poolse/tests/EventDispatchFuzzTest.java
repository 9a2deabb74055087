package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.internal.DefaultPoolseRealtime;
import dev.poolse.sdk.realtime.internal.RealtimeBackend;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.Cancellable;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import dev.poolse.sdk.realtime.phoenix.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Figure 5, dispatcher half: the realtime client's event dispatch, driven through its public seams
 * (a {@link Transport} and a {@link Scheduler}) with no network and no threads. Each input is a
 * short sequence of frames for a joined conversation channel: an event name (known or made up), a
 * join ref (current or stale), and a payload of fuzzed JSON. Whatever arrives, the engine must not
 * throw, listeners must never receive {@code null}, no listener failure may be reported, and every
 * problem reported to {@code onSocketError} must be a {@link RealtimeException}.
 *
 * <p>Regression inputs live under {@code EventDispatchFuzzTestInputs}; {@code -Pfuzz} fuzzes.
 */
class EventDispatchFuzzTest {

    private static final UUID CONVERSATION = UUID.fromString("0b8f7c52-3e0a-4a57-9d2c-5a1f0e7c9b11");
    private static final String TOPIC = "conversation:" + CONVERSATION;
    private static final String[] EVENTS = {"message:new", "message:updated", "message:deleted", "reaction:added",
        "reaction:removed", "member:read", "typing:start", "typing:stop", "presence_state", "presence_diff",
        "phx_reply", "phx_error", "phx_close", "typing", "made:up"};
    private static final ObjectMapper MAPPER = PoolseJson.newObjectMapper();

    /**
     * Runs tasks on the calling thread when drained; timers never fire. Once {@code inline} is set
     * (for {@code close()}, which waits for its shutdown task) tasks run at once instead.
     */
    private static final class ManualScheduler implements Scheduler {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        boolean inline;

        @Override
        public void execute(Runnable task) {
            if (inline) {
                task.run();
            } else {
                queue.add(task);
            }
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }

        @Override
        public long nanoTime() {
            return 0L;
        }

        void drain() {
            // Bounded: a well-behaved engine settles after a few hand-offs per frame.
            for (int i = 0; i < 100_000 && !queue.isEmpty(); i++) {
                queue.poll().run();
            }
            assertThat(queue).as("engine settled").isEmpty();
        }
    }

    /** The one connection the engine opens; records what it sends. */
    private static final class FakeTransport implements Transport {
        Transport.Listener listener;
        final List<String> sent = new ArrayList<>();

        @Override
        public Connection connect(URI uri, Listener l) {
            this.listener = l;
            return new Connection() {
                @Override
                public void send(String text) {
                    sent.add(text);
                }

                @Override
                public void close(int code, String reason) {
                }
            };
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyFrameSequenceIsDispatchedOrSkippedWithoutEscapingErrors(FuzzedDataProvider data) throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        FakeTransport transport = new FakeTransport();
        List<Throwable> reported = new ArrayList<>();
        List<Object> received = new ArrayList<>();
        RealtimeSettings settings = RealtimeSettings.builder()
                .wsUrl(URI.create("ws://127.0.0.1:9"))
                .onSocketError(reported::add)
                .build();
        RealtimeBackend backend = new RealtimeBackend() {
            @Override
            public CompletableFuture<String> currentToken() {
                return CompletableFuture.completedFuture("fuzz-token");
            }

            @Override
            public void invalidateToken() {
            }

            @Override
            public CompletableFuture<List<Message>> listMessages(UUID conversationId, Long beforeSequence, int limit) {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public CompletableFuture<ConversationEventList> listEvents(UUID conversationId, long after, int limit) {
                return CompletableFuture.completedFuture(new ConversationEventList().data(List.of()).hasMore(false));
            }
        };
        DefaultPoolseRealtime realtime = new DefaultPoolseRealtime(settings, backend, scheduler, transport, Runnable::run,
                MAPPER, Backoff.reconnect(), Backoff.rejoin(), () -> { });
        try {
            ConversationChannel channel = realtime.conversation(CONVERSATION);
            channel.onMessage(received::add);
            channel.onMessageUpdated(received::add);
            channel.onMessageDeleted(received::add);
            channel.onReactionAdded(received::add);
            channel.onReactionRemoved(received::add);
            channel.onMemberRead(received::add);
            channel.onTypingStart(received::add);
            channel.onTypingStop(received::add);
            channel.onPresenceState(received::add);
            channel.onPresenceDiff(received::add);
            scheduler.drain();
            transport.listener.onOpen();
            scheduler.drain();
            String joinRef = acceptJoin(transport);
            scheduler.drain();

            int frames = data.consumeInt(1, 8);
            for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
                String event = data.consumeBoolean() ? data.pickValue(EVENTS) : data.consumeString(20);
                String ref = data.consumeBoolean() ? joinRef : data.consumeString(4);
                String payload = data.consumeBoolean() ? data.consumeString(400) : structuredPayload(data);
                String text = "[" + MAPPER.writeValueAsString(ref) + ",null," + MAPPER.writeValueAsString(TOPIC) + ","
                        + MAPPER.writeValueAsString(event) + "," + payload + "]";
                transport.listener.onText(text);
                scheduler.drain();
            }

            assertThat(received).doesNotContainNull();
            assertThat(reported).allMatch(e -> e instanceof RealtimeException, "reported as RealtimeException");
            assertThat(reported).noneMatch(e -> String.valueOf(e.getMessage()).contains("listener"));
            assertThat(realtime.status()).isEqualTo(RealtimeStatus.CONNECTED);
        } finally {
            scheduler.drain();
            scheduler.inline = true;
            realtime.close();
        }
    }

    private static final String[] FIELDS = {"id", "conversation_id", "sequence", "body", "type", "sender_id",
        "sender_external_id", "thread_root_id", "reply_count", "message_id", "user_id", "emoji", "reactions",
        "joins", "leaves", "metas", "online_at", "last_read_message_id", "deleted_at", "inserted_at", "status",
        "response", "reason"};

    /**
     * A JSON object built from the payload fields the gateway really uses, with fuzzed values of
     * every JSON type, so inputs get past the decoders into the feed and presence logic.
     */
    private static String structuredPayload(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder("{");
        int fields = data.consumeInt(0, 8);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(data.pickValue(FIELDS)).append("\":").append(value(data, 2));
        }
        return b.append('}').toString();
    }

    private static String value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth > 0 ? 8 : 5)) {
            case 0:
                return "null";
            case 1:
                return Long.toString(data.consumeLong(-2, 1_000));
            case 2:
                return "\"" + (data.consumeBoolean() ? CONVERSATION : new UUID(data.consumeLong(), data.consumeLong())) + "\"";
            case 3:
                return "\"2026-01-01T00:00:0" + data.consumeInt(0, 9) + "Z\"";
            case 4:
                return data.consumeBoolean() ? "true" : "false";
            case 5:
                try {
                    return MAPPER.writeValueAsString(data.consumeString(20));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            case 6:
                return "[" + value(data, depth - 1) + "]";
            case 7:
                return "{\"" + data.pickValue(FIELDS) + "\":" + value(data, depth - 1) + "}";
            default:
                return "{\"" + data.consumeString(8).replace("\"", "").replace("\\", "") + "\":{\"metas\":[{\"phx_ref\":\"r\"}]}}";
        }
    }

    /** Replies ok to the channel's phx_join and returns its join ref. */
    private static String acceptJoin(FakeTransport transport) throws Exception {
        for (String text : transport.sent) {
            JsonNode frame = MAPPER.readTree(text);
            if ("phx_join".equals(frame.get(3).asText()) && TOPIC.equals(frame.get(2).asText())) {
                String joinRef = frame.get(0).asText();
                transport.listener.onText("[\"" + joinRef + "\",\"" + frame.get(1).asText() + "\",\"" + TOPIC
                        + "\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]");
                return joinRef;
            }
        }
        throw new AssertionError("the channel sent no phx_join: " + transport.sent);
    }
}
