package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.RealtimeStatus;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A socket on a virtual clock and a fake transport, with recorders. */
final class SocketHarness {
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    final VirtualScheduler scheduler = new VirtualScheduler();
    final FakeTransport transport = new FakeTransport();
    final List<RealtimeStatus> statuses = new ArrayList<>();
    final List<RealtimeException> errors = new ArrayList<>();
    final AtomicInteger tokenCalls = new AtomicInteger();
    final AtomicInteger authRefusals = new AtomicInteger();
    final PhoenixSocket socket;

    SocketHarness() {
        socket = new PhoenixSocket(scheduler, transport, new FrameCodec(new ObjectMapper()),
                () -> CompletableFuture.completedFuture(
                        URI.create("ws://127.0.0.1/socket/websocket?token=t" + tokenCalls.incrementAndGet() + "&vsn=2.0.0")),
                HEARTBEAT, Backoff.stepped(Backoff.RECONNECT_STEPS_MS, Backoff.RECONNECT_CAP_MS, 0, () -> 0),
                new PhoenixSocket.Listener() {
                    @Override
                    public void onStatus(RealtimeStatus status) {
                        statuses.add(status);
                    }

                    @Override
                    public void onError(RealtimeException error) {
                        errors.add(error);
                    }

                    @Override
                    public void onAuthRefused() {
                        authRefusals.incrementAndGet();
                    }
                });
    }

    FakeTransport.FakeConnection connectAndOpen() {
        socket.connect();
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        return c;
    }

    /** A channel handler that records what it sees. */
    static final class RecordingHandler implements PhoenixChannel.Handler {
        final List<String> events = new ArrayList<>();
        final List<ChannelState> states = new ArrayList<>();
        final List<JsonNode> refusals = new ArrayList<>();
        final List<Boolean> joins = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        final List<JsonNode> serverErrors = new ArrayList<>();

        @Override
        public void onJoined(JsonNode response, boolean rejoin) {
            joins.add(rejoin);
        }

        @Override
        public void onJoinRefused(JsonNode response) {
            refusals.add(response);
        }

        @Override
        public void onServerError(JsonNode payload) {
            serverErrors.add(payload);
        }

        @Override
        public void onEvent(Frame frame) {
            events.add(frame.event());
        }

        @Override
        public void onState(ChannelState state) {
            states.add(state);
        }

        @Override
        public void onPushDropped(String event) {
            dropped.add(event);
        }
    }

    PhoenixChannel channel(String topic, RecordingHandler handler, int buffer) {
        return socket.channel(topic, handler, buffer,
                Backoff.rejoin(), Duration.ofSeconds(10));
    }
}
