package dev.poolse.sdk.realtime.phoenix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.UpgradeRefusedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhoenixSocketTest {
    private final SocketHarness h = new SocketHarness();

    @Test
    void statusGoesConnectingThenConnected() {
        h.connectAndOpen();
        assertThat(h.statuses).containsExactly(RealtimeStatus.CONNECTING, RealtimeStatus.CONNECTED);
        assertThat(h.socket.isConnected()).isTrue();
    }

    @Test
    void connectIsIdempotent() {
        h.socket.connect();
        h.socket.connect();
        h.scheduler.runReady();
        assertThat(h.transport.connections()).hasSize(1);
    }

    @Test
    void heartbeatIsSentEveryIntervalOnPhoenixTopic() {
        var c = h.connectAndOpen();
        h.scheduler.advance(Duration.ofSeconds(29));
        assertThat(c.count("heartbeat")).isZero();
        h.scheduler.advance(Duration.ofSeconds(1));
        var hb = c.last("heartbeat");
        assertThat(hb.get(0).isNull()).isTrue();
        assertThat(hb.get(2).asText()).isEqualTo("phoenix");
        c.receive("[null,\"" + hb.get(1).asText() + "\",\"phoenix\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]");
        h.scheduler.advance(Duration.ofSeconds(30));
        assertThat(c.count("heartbeat")).isEqualTo(2);
        assertThat(c.closedByClient).isFalse();
    }

    @Test
    void unansweredHeartbeatClosesAndReconnectsWithFreshUrl() {
        var c = h.connectAndOpen();
        h.scheduler.advance(Duration.ofSeconds(30));
        assertThat(c.count("heartbeat")).isEqualTo(1);
        h.scheduler.advance(Duration.ofSeconds(30));
        assertThat(c.closedByClient).isTrue();
        assertThat(h.socket.status()).isEqualTo(RealtimeStatus.RECONNECTING);
        assertThat(h.errors).anySatisfy(e -> assertThat(e).hasMessageContaining("heartbeat timeout"));
        h.scheduler.advance(Duration.ofMillis(10));
        assertThat(h.transport.connections()).hasSize(2);
        assertThat(h.transport.last().uri.getQuery()).contains("token=t2");
    }

    @Test
    void reconnectFollowsBackoffScheduleUntilOpen() {
        var c = h.connectAndOpen();
        c.end(1006, "", null);
        long[] expected = {10, 50, 100, 150, 200, 250, 500, 1000, 2000, 5000, 5000};
        for (int i = 0; i < expected.length; i++) {
            int before = h.transport.connections().size();
            h.scheduler.advance(Duration.ofMillis(expected[i] - 1));
            assertThat(h.transport.connections()).as("attempt %d early", i + 1).hasSize(before);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(h.transport.connections()).as("attempt %d on time", i + 1).hasSize(before + 1);
            h.transport.last().end(1006, "", null);
        }
    }

    @Test
    void backoffResetsAfterSuccessfulOpen() {
        var c = h.connectAndOpen();
        c.end(1006, "", null);
        h.scheduler.advance(Duration.ofMillis(10));
        h.transport.last().end(1006, "", null);
        h.scheduler.advance(Duration.ofMillis(50));
        h.transport.last().open();
        h.transport.last().end(1001, "going away", null);
        int before = h.transport.connections().size();
        h.scheduler.advance(Duration.ofMillis(10));
        assertThat(h.transport.connections()).hasSize(before + 1);
    }

    @Test
    void serverCloseWithNormalCodeStillReconnects() {
        var c = h.connectAndOpen();
        c.end(1000, "", null);
        h.scheduler.advance(Duration.ofMillis(10));
        assertThat(h.transport.connections()).hasSize(2);
    }

    @Test
    void refusedUpgradeInvalidatesTokenReportsAndRetries() {
        h.socket.connect();
        h.scheduler.runReady();
        h.transport.last().end(1006, "", new UpgradeRefusedException(403));
        assertThat(h.authRefusals).hasValue(1);
        assertThat(h.errors).anySatisfy(e -> assertThat(e).isInstanceOf(UpgradeRefusedException.class));
        h.scheduler.advance(Duration.ofMillis(10));
        assertThat(h.transport.connections()).hasSize(2);
        assertThat(h.tokenCalls).hasValue(2);
    }

    @Test
    void disconnectStopsReconnectsAndTimers() {
        var c = h.connectAndOpen();
        h.socket.disconnect();
        assertThat(c.closedByClient).isTrue();
        assertThat(h.socket.status()).isEqualTo(RealtimeStatus.CLOSED);
        assertThat(h.scheduler.pendingTimers()).isZero();
        h.scheduler.advance(Duration.ofMinutes(5));
        assertThat(h.transport.connections()).hasSize(1);
    }

    @Test
    void malformedFrameIsSkippedAndReported() {
        var c = h.connectAndOpen();
        c.receive("garbage");
        c.receive("[1,2]");
        assertThat(h.socket.isConnected()).isTrue();
        assertThat(h.errors).hasSize(2);
    }

    @Test
    void transportThatThrowsIsReportedAndRetried() {
        int[] attempts = {0};
        Transport flaky = (uri, listener) -> {
            if (attempts[0]++ == 0) {
                throw new IllegalStateException("no route");
            }
            return h.transport.connect(uri, listener);
        };
        PhoenixSocket socket = new PhoenixSocket(h.scheduler, flaky, new FrameCodec(new com.fasterxml.jackson.databind.ObjectMapper()),
                () -> java.util.concurrent.CompletableFuture.completedFuture(java.net.URI.create("ws://127.0.0.1/socket/websocket")),
                Duration.ofSeconds(30), Backoff.stepped(Backoff.RECONNECT_STEPS_MS, 5000, 0, () -> 0),
                new PhoenixSocket.Listener() {
                    @Override
                    public void onStatus(RealtimeStatus status) {
                    }

                    @Override
                    public void onError(dev.poolse.sdk.realtime.RealtimeException error) {
                        h.errors.add(error);
                    }

                    @Override
                    public void onAuthRefused() {
                    }
                });
        socket.connect();
        h.scheduler.runReady();
        assertThat(h.errors).singleElement().satisfies(e -> assertThat(e.getCause()).hasMessage("no route"));
        assertThat(socket.status()).isEqualTo(RealtimeStatus.RECONNECTING);
        h.scheduler.advance(Duration.ofMillis(10));
        assertThat(h.transport.connections()).hasSize(1);
    }

    @Test
    void failingTokenProviderIsReportedAndRetried() {
        int[] calls = {0};
        PhoenixSocket socket = new PhoenixSocket(h.scheduler, h.transport, new FrameCodec(new com.fasterxml.jackson.databind.ObjectMapper()),
                () -> {
                    calls[0]++;
                    return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("provider down"));
                },
                Duration.ofSeconds(30), Backoff.stepped(Backoff.RECONNECT_STEPS_MS, 5000, 0, () -> 0),
                new PhoenixSocket.Listener() {
                    @Override
                    public void onStatus(RealtimeStatus status) {
                    }

                    @Override
                    public void onError(dev.poolse.sdk.realtime.RealtimeException error) {
                        h.errors.add(error);
                    }

                    @Override
                    public void onAuthRefused() {
                    }
                });
        socket.connect();
        h.scheduler.advance(Duration.ofMillis(60));
        assertThat(calls[0]).isEqualTo(3);
        assertThat(h.transport.connections()).isEmpty();
        assertThat(h.errors).first().satisfies(e -> assertThat(e.getCause()).hasMessage("provider down"));
    }
}
