package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.VoiceSignalEvent;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.VoiceRoom;
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

/** The voice room handle on a fake socket: reference counting and what reaches the listeners. */
class DefaultVoiceRoomTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final FakeBackend backend = new FakeBackend();
    private final UUID conv = UUID.randomUUID();
    private final String topic = "voice:conversation:" + conv;
    private DefaultPoolseRealtime rt;
    private VoiceRoom room;

    @BeforeEach
    void start() {
        rt = new DefaultPoolseRealtime(
                RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:1")).onSocketError(e -> { })
                        .heartbeatInterval(Duration.ofDays(7)).build(),
                backend, scheduler, transport, Runnable::run, PoolseJson.newObjectMapper(),
                Backoff.rejoin(), Backoff.rejoin(), () -> { });
        room = rt.voiceRoom(conv);
    }

    /** Joins once and lets the fake server accept the topic join and the voice:join. */
    private CompletableFuture<Void> joinAndEnter() {
        CompletableFuture<Void> joined = room.join();
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        if (c.count("phx_join") == 0) {
            c.open();
            scheduler.runReady();
        }
        c.replyOk("phx_join", "{}");
        scheduler.runReady();
        c.replyOk("voice:join", "{}");
        scheduler.runReady();
        return joined;
    }

    private void receive(String event, String payload) {
        transport.last().receive("[null,null,\"" + topic + "\",\"" + event + "\"," + payload + "]");
        scheduler.runReady();
    }

    @Test
    void severalHoldersSendOneVoiceJoinAndOnlyTheLastLeaveLeaves() {
        CompletableFuture<Void> first = joinAndEnter();
        CompletableFuture<Void> second = room.join();
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        System.out.println("voice:join pushes for 2 holders: " + c.count("voice:join"));
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(c.count("voice:join")).isEqualTo(1);
        assertThat(room.holders()).isEqualTo(2);
        room.leave();
        scheduler.runReady();
        assertThat(c.count("voice:leave")).isZero();
        room.leave();
        scheduler.runReady();
        assertThat(c.count("voice:leave")).isEqualTo(1);
        assertThat(c.count("phx_leave")).isEqualTo(1);
    }

    @Test
    void extraLeavesAreIgnored() {
        joinAndEnter();
        room.leave();
        room.leave();
        scheduler.runReady();
        assertThat(room.holders()).isZero();
        assertThat(transport.last().count("voice:leave")).isEqualTo(1);
    }

    @Test
    void aRefusedJoinGivesItsHoldBack() {
        CompletableFuture<Void> joined = room.join();
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        scheduler.runReady();
        c.reply("phx_join", "error", "{\"reason\":\"forbidden\"}");
        scheduler.runReady();
        assertThat(joined).isCompletedExceptionally();
        assertThat(room.holders()).isZero();
    }

    @Test
    void ownSignalsAndSignalsForOthersAreDropped() {
        joinAndEnter();
        List<VoiceSignalEvent> got = new CopyOnWriteArrayList<>();
        room.onSignal(got::add);
        UUID other = UUID.randomUUID();
        String me = backend.userId.toString();
        receive("voice:signal", "{\"from_user_id\":\"" + me + "\",\"type\":\"offer\",\"data\":{\"sdp\":\"x\"}}");
        receive("voice:signal", "{\"from_user_id\":\"" + other + "\",\"target_user_id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"offer\",\"data\":{\"sdp\":\"x\"}}");
        receive("voice:signal", "{\"from_user_id\":\"" + other + "\",\"target_user_id\":\"" + me
                + "\",\"type\":\"offer\",\"data\":{\"sdp\":\"for me\"}}");
        assertThat(got).singleElement().satisfies(s -> assertThat(s.data()).containsEntry("sdp", "for me"));
    }

    @Test
    void onlySpeakingTransitionsAreSentAndAMutedUserNeverSpeaks() {
        joinAndEnter();
        FakeTransport.FakeConnection c = transport.last();
        room.setSpeaking(true);
        room.setSpeaking(true);
        scheduler.runReady();
        assertThat(c.count("voice:active_speaker")).isEqualTo(1);
        room.mute();
        room.setSpeaking(true);
        scheduler.runReady();
        assertThat(c.last("voice:mute").get(4).get("muted").asBoolean()).isTrue();
        assertThat(c.count("voice:active_speaker")).isEqualTo(1);
    }

    @Test
    void theRosterFollowsPresenceStateAndEvents() {
        joinAndEnter();
        UUID bob = UUID.randomUUID();
        String me = backend.userId.toString();
        receive("voice:presence_state", "{\"" + me + "\":{\"metas\":[{\"user_id\":\"" + me + "\",\"mute_state\":false}]},"
                + "\"" + bob + "\":{\"metas\":[{\"user_id\":\"" + bob + "\",\"mute_state\":true,\"joined_at\":5}]}}");
        assertThat(room.participants()).hasSize(2);
        assertThat(room.participants().get(bob).muted()).isTrue();
        receive("voice:active_speaker", "{\"user_id\":\"" + bob + "\",\"speaking\":true}");
        assertThat(room.activeSpeakers()).containsExactly(bob);
        receive("voice:left", "{\"user_id\":\"" + bob + "\"}");
        assertThat(room.participants()).containsOnlyKeys(backend.userId);
    }
}
