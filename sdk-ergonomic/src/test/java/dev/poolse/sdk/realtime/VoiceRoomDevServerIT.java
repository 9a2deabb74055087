package dev.poolse.sdk.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.events.VoiceSignalEvent;
import dev.poolse.client.events.VoiceSignalType;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Voice rooms between SDK clients through the dev server. */
class VoiceRoomDevServerIT {
    private static final Duration WAIT = Duration.ofSeconds(20); // generous: CI machines are loaded
    private static PoolseDevServer server;
    private final List<Poolse> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = PoolseDevServer.start(DevServerConfig.builder().rateLimit(0).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(Poolse::close);
        clients.clear();
        assertThat(server.specViolations()).isEmpty();
    }

    private Poolse client(String externalId) {
        Poolse p = Poolse.builder().apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId)).build();
        clients.add(p);
        return p;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A participant: its room and every signal it received. */
    private record Peer(UUID id, VoiceRoom room, List<VoiceSignalEvent> signals) {}

    private Peer enter(String externalId, UUID conv) throws Exception {
        VoiceRoom room = client(externalId).realtime().voiceRoom(conv);
        List<VoiceSignalEvent> signals = new CopyOnWriteArrayList<>();
        room.onSignal(signals::add);
        room.join().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Peer(server.userId(externalId), room, signals);
    }

    @Test
    void threeParticipantsExchangeSignalsAddressedToEachOther() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        String c = unique("carol");
        UUID conv = client(a).conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                .memberExternalIds(List.of(b, c))).getId();
        Peer alice = enter(a, conv);
        Peer bob = enter(b, conv);
        Peer carol = enter(c, conv);
        for (Peer p : List.of(alice, bob, carol)) {
            await().atMost(WAIT).until(() -> p.room().participants().size() == 3);
        }
        // Every pair negotiates once: an offer, an answer and a candidate each way.
        List<Peer> peers = List.of(alice, bob, carol);
        int sent = 0;
        for (Peer from : peers) {
            for (Peer to : peers) {
                if (from != to) {
                    from.room().sendSignal(VoiceSignalType.OFFER, to.id(), Map.of("sdp", "offer " + from.id() + ">" + to.id()))
                            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    from.room().sendSignal(VoiceSignalType.ICE_CANDIDATE, to.id(), Map.of("candidate", "c", "sdpMid", "0",
                            "sdpMLineIndex", 0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    sent += 2;
                }
            }
        }
        await().atMost(WAIT).until(() -> peers.stream().mapToInt(p -> p.signals().size()).sum() == 12);
        System.out.println("signals sent " + sent + ", received " + peers.stream().mapToInt(p -> p.signals().size()).sum());
        for (Peer p : peers) {
            assertThat(p.signals()).hasSize(4).allSatisfy(s -> {
                assertThat(s.targetUserId()).isEqualTo(p.id());
                assertThat(s.fromUserId()).isNotEqualTo(p.id());
            });
            assertThat(p.signals()).filteredOn(s -> s.type() == VoiceSignalType.OFFER)
                    .allSatisfy(s -> assertThat(s.data().get("sdp")).isEqualTo("offer " + s.fromUserId() + ">" + p.id()));
        }
    }

    @Test
    void muteAndSpeakingReachTheOthersRoster() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        UUID conv = client(a).conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                .memberExternalIds(List.of(b))).getId();
        Peer alice = enter(a, conv);
        Peer bob = enter(b, conv);
        await().atMost(WAIT).until(() -> alice.room().participants().size() == 2);
        bob.room().setSpeaking(true);
        await().atMost(WAIT).until(() -> alice.room().activeSpeakers().contains(bob.id()));
        bob.room().mute();
        await().atMost(WAIT).until(() -> alice.room().participants().get(bob.id()).muted());
        assertThat(alice.room().activeSpeakers()).doesNotContain(bob.id());
    }

    @Test
    void leavingTakesTheParticipantOutOfTheOthersRoster() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        UUID conv = client(a).conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                .memberExternalIds(List.of(b))).getId();
        Peer alice = enter(a, conv);
        Peer bob = enter(b, conv);
        List<UUID> left = new CopyOnWriteArrayList<>();
        alice.room().onLeft(left::add);
        await().atMost(WAIT).until(() -> alice.room().participants().size() == 2);
        bob.room().leave();
        await().atMost(WAIT).until(() -> left.contains(bob.id()));
        assertThat(alice.room().participants()).doesNotContainKey(bob.id());
    }
}
