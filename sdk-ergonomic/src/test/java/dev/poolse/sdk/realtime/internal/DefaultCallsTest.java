package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.model.CallMedia;
import dev.poolse.sdk.realtime.CallRefusedException;
import dev.poolse.sdk.realtime.CallState;
import dev.poolse.sdk.realtime.CallState.EndReason;
import dev.poolse.sdk.realtime.CallState.Phase;
import dev.poolse.sdk.realtime.Calls;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.FakeTransport;
import dev.poolse.sdk.realtime.phoenix.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call state machine on a virtual clock and a fake socket: ring timeouts, busy replies, stale
 * events and the pushes each step sends, frame by frame.
 */
class DefaultCallsTest {
    private static final Duration RING = Duration.ofSeconds(45);
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final FakeBackend backend = new FakeBackend();
    private final List<CallState> states = new CopyOnWriteArrayList<>();
    private DefaultPoolseRealtime rt;
    private Calls calls;
    private FakeTransport.FakeConnection socket;
    private String topic;
    private final UUID conv = UUID.randomUUID();
    private final UUID peer = UUID.randomUUID();

    private DefaultPoolseRealtime client(Duration ringTimeout) {
        return new DefaultPoolseRealtime(
                RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:1")).onSocketError(e -> { })
                        // Far beyond any advance below, so only the ring timer fires.
                        .heartbeatInterval(Duration.ofDays(7)).ringTimeout(ringTimeout).build(),
                backend, scheduler, transport, Runnable::run, PoolseJson.newObjectMapper(),
                Backoff.rejoin(), Backoff.rejoin(), () -> { });
    }

    @BeforeEach
    void start() {
        start(RING);
    }

    private void start(Duration ringTimeout) {
        rt = client(ringTimeout);
        calls = rt.calls();
        calls.onState(states::add);
        scheduler.runReady();
        socket = transport.last();
        socket.open();
        scheduler.runReady();
        socket.replyOk("phx_join", "{}");
        scheduler.runReady();
        topic = "user:" + backend.userId;
    }

    private static Throwable cause(CompletableFuture<?> future) {
        return future.handle((v, e) -> e).join();
    }

    private void receive(String event, String payload) {
        socket.receive("[null,null,\"" + topic + "\",\"" + event + "\"," + payload + "]");
        scheduler.runReady();
    }

    private String incoming(UUID callId) {
        return "{\"call_id\":\"" + callId + "\",\"conversation_id\":\"" + conv + "\",\"caller_user_id\":\"" + peer
                + "\",\"media\":\"audio\"}";
    }

    private String party(UUID callId, UUID user) {
        return "{\"call_id\":\"" + callId + "\",\"conversation_id\":\"" + conv + "\",\"user_id\":\"" + user + "\"}";
    }

    /** Places a call and answers the invite with this call id. */
    private UUID ringingOut() {
        UUID callId = UUID.randomUUID();
        CompletableFuture<CallState> placed = calls.place(conv, CallMedia.VIDEO);
        scheduler.runReady();
        socket.replyOk("call:invite", "{\"call_id\":\"" + callId + "\",\"conversation_id\":\"" + conv
                + "\",\"callee_user_ids\":[\"" + peer + "\"],\"media\":\"video\"}");
        scheduler.runReady();
        assertThat(placed).isCompleted();
        return callId;
    }

    private UUID ringingIn() {
        UUID callId = UUID.randomUUID();
        receive("call:incoming", incoming(callId));
        return callId;
    }

    @Test
    void placingSendsTheInviteWithTheMediaAndRingsOnItsReply() {
        CompletableFuture<CallState> placed = calls.place(conv, CallMedia.VIDEO);
        scheduler.runReady();
        JsonNode invite = socket.last("call:invite");
        assertThat(invite.get(4).get("conversation_id").asText()).isEqualTo(conv.toString());
        assertThat(invite.get(4).get("media").asText()).isEqualTo("video");
        assertThat(calls.state().phase()).isEqualTo(Phase.OUTGOING_RINGING);
        assertThat(calls.state().callId()).isNull();
        UUID callId = UUID.randomUUID();
        socket.replyOk("call:invite", "{\"call_id\":\"" + callId + "\",\"conversation_id\":\"" + conv
                + "\",\"callee_user_ids\":[\"" + peer + "\"]}");
        scheduler.runReady();
        assertThat(placed.join().callId()).isEqualTo(callId);
        assertThat(placed.join().calleeUserIds()).containsExactly(peer);
        // No media echoed: the client trusts the (absent) echo, which reads as audio.
        assertThat(placed.join().media()).isEqualTo(CallMedia.AUDIO);
    }

    @Test
    void aRefusedInviteReturnsToIdleAndFailsWithTheReason() {
        CompletableFuture<CallState> placed = calls.place(conv, CallMedia.AUDIO);
        scheduler.runReady();
        socket.reply("call:invite", "error", "{\"reason\":\"forbidden\"}");
        scheduler.runReady();
        assertThat(calls.state()).isEqualTo(CallState.IDLE);
        assertThat(placed).isCompletedExceptionally();
        assertThat(cause(placed)).isInstanceOfSatisfying(CallRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo("forbidden"));
    }

    @Test
    void anOutgoingRingTimesOutByCancellingThenEnding() {
        UUID callId = ringingOut();
        scheduler.advance(RING.minusMillis(1));
        assertThat(calls.state().phase()).isEqualTo(Phase.OUTGOING_RINGING);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(socket.last("call:cancel").get(4).get("call_id").asText()).isEqualTo(callId.toString());
        assertThat(calls.state().endReason()).isEqualTo(EndReason.TIMED_OUT);
    }

    @Test
    void anIncomingRingTimesOutByDecliningThenEnding() {
        UUID callId = ringingIn();
        assertThat(calls.state().phase()).isEqualTo(Phase.INCOMING_RINGING);
        scheduler.advance(RING);
        JsonNode decline = socket.last("call:decline").get(4);
        assertThat(decline.get("call_id").asText()).isEqualTo(callId.toString());
        assertThat(decline.get("caller_user_id").asText()).isEqualTo(peer.toString());
        assertThat(calls.state().endReason()).isEqualTo(EndReason.TIMED_OUT);
    }

    @Test
    void aZeroRingTimeoutRingsUntilAnswered() {
        states.clear();
        start(Duration.ZERO);
        ringingIn();
        scheduler.advance(Duration.ofHours(1));
        assertThat(calls.state().phase()).isEqualTo(Phase.INCOMING_RINGING);
        assertThat(socket.count("call:decline")).isZero();
    }

    @Test
    void answeringClearsTheRingTimer() {
        ringingIn();
        calls.accept();
        scheduler.runReady();
        socket.replyOk("call:accept", "{}");
        scheduler.runReady();
        scheduler.advance(RING.multipliedBy(2));
        assertThat(calls.state().phase()).isEqualTo(Phase.CONNECTED);
        assertThat(socket.count("call:decline")).isZero();
    }

    @Test
    void anIncomingCallWhileBusyIsAnsweredBusyAndNotReported() {
        UUID current = ringingOut();
        UUID other = UUID.randomUUID();
        receive("call:incoming", incoming(other));
        assertThat(socket.last("call:busy").get(4).get("call_id").asText()).isEqualTo(other.toString());
        assertThat(calls.state().callId()).isEqualTo(current);
        assertThat(calls.state().phase()).isEqualTo(Phase.OUTGOING_RINGING);
    }

    @Test
    void anEndedCallDoesNotMakeTheUserBusy() {
        ringingIn();
        calls.decline();
        scheduler.runReady();
        UUID next = ringingIn();
        assertThat(socket.count("call:busy")).isZero();
        assertThat(calls.state().callId()).isEqualTo(next);
    }

    @Test
    void eventsOfAnotherCallAreIgnored() {
        UUID callId = ringingOut();
        receive("call:accepted", party(UUID.randomUUID(), peer));
        receive("call:declined", party(UUID.randomUUID(), peer));
        assertThat(calls.state().phase()).isEqualTo(Phase.OUTGOING_RINGING);
        receive("call:accepted", party(callId, peer));
        assertThat(calls.state().phase()).isEqualTo(Phase.CONNECTED);
        assertThat(calls.state().peerUserId()).isEqualTo(peer);
    }

    @Test
    void aStaleCancelDoesNotStopTheCurrentRing() {
        ringingIn();
        receive("call:cancelled", "{\"call_id\":\"" + UUID.randomUUID() + "\",\"conversation_id\":\"" + conv
                + "\",\"caller_user_id\":\"" + peer + "\"}");
        assertThat(calls.state().phase()).isEqualTo(Phase.INCOMING_RINGING);
    }

    @Test
    void hangingUpBeforeTheInviteReplyCancelsOnceTheCallIdArrives() {
        CompletableFuture<CallState> placed = calls.place(conv, CallMedia.AUDIO);
        scheduler.runReady();
        CompletableFuture<Void> hungUp = calls.hangUp();
        scheduler.runReady();
        assertThat(calls.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        assertThat(placed.join().phase()).isEqualTo(Phase.ENDED);
        UUID callId = UUID.randomUUID();
        socket.replyOk("call:invite", "{\"call_id\":\"" + callId + "\",\"conversation_id\":\"" + conv + "\"}");
        scheduler.runReady();
        assertThat(socket.last("call:cancel").get(4).get("call_id").asText()).isEqualTo(callId.toString());
        socket.replyOk("call:cancel", "{}");
        scheduler.runReady();
        assertThat(hungUp).isCompleted();
    }

    @Test
    void hangUpEndsLocallyEvenWhenThePushIsRefused() {
        UUID callId = ringingOut();
        receive("call:accepted", party(callId, peer));
        CompletableFuture<Void> hungUp = calls.hangUp();
        scheduler.runReady();
        assertThat(socket.last("call:hangup")).isNotNull();
        assertThat(calls.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        socket.reply("call:hangup", "error", "{\"reason\":\"call_ended\"}");
        scheduler.runReady();
        assertThat(hungUp).isCompletedExceptionally();
        assertThat(calls.state().endReason()).isEqualTo(EndReason.HUNG_UP);
    }

    @Test
    void aLateAcceptEndsTheCallAsFailed() {
        ringingIn();
        CompletableFuture<CallState> accepted = calls.accept();
        scheduler.runReady();
        assertThat(calls.state().phase()).isEqualTo(Phase.CONNECTING);
        socket.reply("call:accept", "error", "{\"reason\":\"call_ended\"}");
        scheduler.runReady();
        assertThat(calls.state().endReason()).isEqualTo(EndReason.FAILED);
        assertThat(cause(accepted)).isInstanceOf(CallRefusedException.class);
    }

    @Test
    void losingTheSocketDuringACallEndsItAsConnectionLost() {
        UUID callId = ringingOut();
        receive("call:accepted", party(callId, peer));
        socket.end(1006, "gone", null);
        scheduler.runReady();
        assertThat(calls.state().endReason()).isEqualTo(EndReason.CONNECTION_LOST);
    }

    @Test
    void dismissReturnsAnEndedCallToIdle() {
        ringingIn();
        calls.decline();
        scheduler.runReady();
        calls.dismiss();
        scheduler.runReady();
        assertThat(calls.state()).isEqualTo(CallState.IDLE);
        assertThat(states.get(states.size() - 1)).isEqualTo(CallState.IDLE);
    }

    @Test
    void closingTheClientLeavesNoRingTimer() {
        ringingIn();
        // close() waits for the engine thread, which here is this test thread pumping the scheduler.
        CompletableFuture<Void> closing = CompletableFuture.runAsync(rt::close);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            scheduler.runReady();
            return closing.isDone();
        });
        System.out.println("timers left after close: " + scheduler.pendingTimers());
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void aUserChannelClosedByTheServerIsJoinedAgainAndStillRings() {
        String joinRef = socket.last("phx_join").get(0).asText();
        socket.receive("[\"" + joinRef + "\",\"" + joinRef + "\",\"" + topic + "\",\"phx_close\",{}]");
        scheduler.runReady();
        assertThat(socket.count("phx_join")).as("joins of the user topic").isEqualTo(2);
        socket.replyOk("phx_join", "{}");
        scheduler.runReady();

        UUID callId = UUID.randomUUID();
        receive("call:incoming", incoming(callId));
        assertThat(calls.state().phase()).isEqualTo(CallState.Phase.INCOMING_RINGING);
        assertThat(calls.state().callId()).isEqualTo(callId);
    }

}
