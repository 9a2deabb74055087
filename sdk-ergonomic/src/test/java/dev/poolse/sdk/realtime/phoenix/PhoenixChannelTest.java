package dev.poolse.sdk.realtime.phoenix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.poolse.sdk.realtime.ChannelState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhoenixChannelTest {
    private static final String TOPIC = "conversation:c1";
    private final SocketHarness h = new SocketHarness();
    private final SocketHarness.RecordingHandler handler = new SocketHarness.RecordingHandler();

    private PhoenixChannel joined(FakeTransport.FakeConnection c) {
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        c.replyOk("phx_join", "{}");
        return ch;
    }

    @Test
    void joinUsesItsOwnRefAsJoinRef() {
        var c = h.connectAndOpen();
        h.channel(TOPIC, handler, 2).join();
        var join = c.last("phx_join");
        assertThat(join.get(0).asText()).isEqualTo(join.get(1).asText());
        assertThat(join.get(2).asText()).isEqualTo(TOPIC);
    }

    @Test
    void joinWaitsForSocketOpen() {
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        h.socket.connect();
        h.scheduler.runReady();
        var c = h.transport.last();
        assertThat(c.sent).isEmpty();
        c.open();
        assertThat(c.count("phx_join")).isEqualTo(1);
        assertThat(ch.state()).isEqualTo(ChannelState.JOINING);
    }

    @Test
    void pushesBeforeJoinOkAreBufferedThenFlushedWithJoinRef() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        ch.push("typing", JsonNodeFactory.instance.objectNode());
        assertThat(c.count("typing")).isZero();
        c.replyOk("phx_join", "{}");
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        var typing = c.last("typing");
        assertThat(typing.get(0).asText()).isEqualTo(ch.joinRef());
        assertThat(typing.get(1).asText()).isNotEqualTo(ch.joinRef());
    }

    @Test
    void pushBufferIsBoundedAndOverflowReported() {
        h.connectAndOpen();
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        assertThat(ch.push("a", null)).isNotNull();
        assertThat(ch.push("b", null)).isNotNull();
        assertThat(ch.push("c", null)).isNull();
        assertThat(handler.dropped).containsExactly("c");
    }

    @Test
    void bufferedPushThatTimedOutIsNotSentAfterTheJoin() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        boolean[] timedOut = {false};
        ch.push("typing", null).onTimeout(() -> timedOut[0] = true);
        c.reply("phx_join", "error", "{\"reason\":\"busy\"}");
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(timedOut[0]).isTrue();
        c.replyOk("phx_join", "{}");
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        assertThat(c.count("typing")).isZero();
    }

    @Test
    void refusedJoinIsReportedAndRetriedOnRejoinSchedule() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        c.reply("phx_join", "error", "{\"reason\":\"forbidden\"}");
        assertThat(handler.refusals).hasSize(1);
        assertThat(handler.refusals.get(0).get("reason").asText()).isEqualTo("forbidden");
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        long[] schedule = {1000, 2000, 5000, 10000, 10000};
        for (int i = 0; i < schedule.length; i++) {
            long joins = c.count("phx_join");
            h.scheduler.advance(Duration.ofMillis(schedule[i] - 1));
            assertThat(c.count("phx_join")).isEqualTo(joins);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(c.count("phx_join")).isEqualTo(joins + 1);
            c.reply("phx_join", "error", "{\"reason\":\"forbidden\"}");
        }
    }

    @Test
    void everyRejoinTakesAFreshJoinRef() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        String first = ch.joinRef();
        c.receive("[\"" + first + "\",\"" + first + "\",\"" + TOPIC + "\",\"phx_error\",{}]");
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(ch.joinRef()).isNotEqualTo(first);
        assertThat(c.last("phx_join").get(0).asText()).isEqualTo(ch.joinRef());
    }

    @Test
    void staleJoinRefCloseDoesNotKillLiveChannel() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.receive("[\"old-join\",\"old-join\",\"" + TOPIC + "\",\"phx_close\",{}]");
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        c.receive("[\"old-join\",null,\"" + TOPIC + "\",\"message:new\",{}]");
        assertThat(handler.events).isEmpty();
    }

    @Test
    void broadcastsWithNullJoinRefAreDelivered() {
        var c = h.connectAndOpen();
        joined(c);
        c.receive("[null,null,\"" + TOPIC + "\",\"message:new\",{}]");
        assertThat(handler.events).containsExactly("message:new");
    }

    @Test
    void phxErrorRejoinsAfterBackoff() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.receive("[\"" + ch.joinRef() + "\",\"" + ch.joinRef() + "\",\"" + TOPIC + "\",\"phx_error\",{}]");
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(c.count("phx_join")).isEqualTo(2);
        c.replyOk("phx_join", "{}");
        assertThat(handler.joins).containsExactly(false, true);
    }

    @Test
    void phxErrorFromTheServerIsReportedOnceBeforeTheRejoin() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.receive("[\"" + ch.joinRef() + "\",\"" + ch.joinRef() + "\",\"" + TOPIC + "\",\"phx_error\",{}]");
        assertThat(handler.serverErrors).hasSize(1);
        assertThat(handler.joins).containsExactly(false);
        h.scheduler.advance(Duration.ofSeconds(1));
        c.replyOk("phx_join", "{}");
        assertThat(handler.serverErrors).hasSize(1);
        assertThat(handler.joins).containsExactly(false, true);
    }

    @Test
    void socketDropIsNotAServerError() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.end(1006, "", null);
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        h.scheduler.advance(Duration.ofMillis(10));
        var c2 = h.transport.last();
        c2.open();
        c2.replyOk("phx_join", "{}");
        assertThat(handler.joins).containsExactly(false, true);
        assertThat(handler.serverErrors).isEmpty();
    }

    @Test
    void phxErrorOfAnOldJoinOrAfterLeavingIsNotReported() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.receive("[\"old-join\",\"old-join\",\"" + TOPIC + "\",\"phx_error\",{}]");
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        String joinRef = ch.joinRef();
        ch.leave();
        c.receive("[\"" + joinRef + "\",\"" + joinRef + "\",\"" + TOPIC + "\",\"phx_error\",{}]");
        assertThat(handler.serverErrors).isEmpty();
        assertThat(ch.state()).isEqualTo(ChannelState.LEAVING);
    }

    @Test
    void phxCloseEndsChannelWithoutRejoin() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.receive("[\"" + ch.joinRef() + "\",\"" + ch.joinRef() + "\",\"" + TOPIC + "\",\"phx_close\",{}]");
        assertThat(ch.state()).isEqualTo(ChannelState.CLOSED);
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(c.count("phx_join")).isEqualTo(1);
        assertThat(h.socket.channels()).isEmpty();
    }

    @Test
    void socketReopenRejoinsErroredChannelAtOnce() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        c.end(1006, "", null);
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        h.scheduler.advance(Duration.ofMillis(10));
        var c2 = h.transport.last();
        c2.open();
        assertThat(c2.count("phx_join")).isEqualTo(1);
        c2.replyOk("phx_join", "{}");
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
    }

    @Test
    void joinTimeoutSendsLeaveAndRejoins() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = h.channel(TOPIC, handler, 2);
        ch.join();
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        assertThat(c.count("phx_leave")).isEqualTo(1);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(c.count("phx_join")).isEqualTo(2);
    }

    @Test
    void leaveSendsPhxLeaveAndClosesOnReply() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        ch.leave();
        assertThat(ch.state()).isEqualTo(ChannelState.LEAVING);
        c.replyOk("phx_leave", "{}");
        assertThat(ch.state()).isEqualTo(ChannelState.CLOSED);
        assertThat(h.socket.channels()).isEmpty();
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.scheduler.pendingTimers()).isEqualTo(1); // the socket's heartbeat only
    }

    @Test
    void pushAnsweredWithUnmatchedTopicMakesTheChannelRejoin() {
        var c = h.connectAndOpen();
        PhoenixChannel ch = joined(c);
        ch.push("typing", null);
        var typing = c.last("typing");
        c.receive("[null,\"" + typing.get(1).asText() + "\",\"" + TOPIC
                + "\",\"phx_reply\",{\"status\":\"error\",\"response\":{\"reason\":\"unmatched topic\"}}]");
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(c.count("phx_join")).isEqualTo(2);
    }

    @Test
    void replyToUnmatchedTopicWithNullJoinRefCountsAsRefusal() {
        var c = h.connectAndOpen();
        h.channel(TOPIC, handler, 2).join();
        var join = c.last("phx_join");
        c.receive("[null,\"" + join.get(1).asText() + "\",\"" + TOPIC
                + "\",\"phx_reply\",{\"status\":\"error\",\"response\":{\"reason\":\"unmatched topic\"}}]");
        assertThat(handler.refusals).singleElement().satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo("unmatched topic"));
    }
}
