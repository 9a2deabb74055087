package dev.poolse.sdk.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.CallMedia;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.CallState.EndReason;
import dev.poolse.sdk.realtime.CallState.Phase;
import dev.poolse.sdk.realtime.transport.SharedEventLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls between SDK clients through the dev server, checking both sides' state at every step. Ring
 * timeouts are covered on a virtual clock in {@code DefaultCallsTest}; nothing here waits for one.
 */
class CallsDevServerIT {
    private static final Duration WAIT = Duration.ofSeconds(20); // generous: CI machines are loaded
    private static PoolseDevServer server;
    private final List<Poolse> clients = new ArrayList<>();
    private final List<Throwable> socketErrors = new CopyOnWriteArrayList<>();
    /** Names of the threads every call listener ran on. */
    private final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();

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
        assertThat(listenerThreads).noneMatch(n -> n.startsWith(SharedEventLoops.IO_THREAD_PREFIX));
    }

    /** A signed-in client whose calls client is on its user channel. */
    private Calls calls(String externalId) {
        Poolse p = Poolse.builder().apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId)).onSocketError(socketErrors::add).build();
        clients.add(p);
        Calls calls = p.calls();
        calls.onState(s -> listenerThreads.add(Thread.currentThread().getName()));
        UUID userId = server.userId(externalId);
        await().atMost(WAIT).until(() -> p.realtime().user(userId).state() == ChannelState.JOINED);
        return calls;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID conversation(String owner, String... others) {
        try (Poolse p = Poolse.builder().apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(owner)).build()) {
            return p.conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                    .memberExternalIds(List.of(others))).getId();
        }
    }

    private static void awaitPhase(Calls calls, Phase phase) {
        await().atMost(WAIT).until(() -> calls.state().phase() == phase);
    }

    private static void awaitEnd(Calls calls, EndReason reason) {
        await().atMost(WAIT).until(() -> calls.state().endReason() == reason);
    }

    /** Alice rings Bob; returns once both sides ring. */
    private CallState ring(Calls alice, Calls bob, UUID conv) throws Exception {
        CallState ringing = alice.place(conv, CallMedia.AUDIO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ringing.phase()).isEqualTo(Phase.OUTGOING_RINGING);
        awaitPhase(bob, Phase.INCOMING_RINGING);
        assertThat(bob.state().callId()).isEqualTo(ringing.callId());
        return ringing;
    }

    @Test
    void acceptedCallConnectsBothSidesAndTheCallersHangUpEndsBoth() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        CallState ringing = ring(alice, bob, conversation(a, b));
        assertThat(bob.state().peerUserId()).isEqualTo(server.userId(a));
        assertThat(ringing.calleeUserIds()).containsExactly(server.userId(b));

        CallState connected = bob.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(connected.phase()).isEqualTo(Phase.CONNECTED);
        awaitPhase(alice, Phase.CONNECTED);
        assertThat(alice.state().peerUserId()).isEqualTo(server.userId(b));

        alice.hangUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(alice.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        awaitEnd(bob, EndReason.REMOTE_HUNG_UP);
    }

    @Test
    void theCalleesHangUpEndsTheCallForTheCaller() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        ring(alice, bob, conversation(a, b));
        bob.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitPhase(alice, Phase.CONNECTED);
        bob.hangUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(bob.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        awaitEnd(alice, EndReason.REMOTE_HUNG_UP);
    }

    @Test
    void aDeclinedCallEndsBothSides() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        ring(alice, bob, conversation(a, b));
        bob.decline().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(bob.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        awaitEnd(alice, EndReason.DECLINED);
    }

    @Test
    void aCallerCancellingStopsTheRing() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        ring(alice, bob, conversation(a, b));
        alice.hangUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(alice.state().endReason()).isEqualTo(EndReason.HUNG_UP);
        awaitEnd(bob, EndReason.CANCELLED);
    }

    @Test
    void aUserOnACallAnswersBusyAutomatically() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        String c = unique("carol");
        Calls alice = calls(a);
        Calls bob = calls(b);
        Calls carol = calls(c);
        ring(alice, bob, conversation(a, b));
        bob.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        carol.place(conversation(c, b), CallMedia.VIDEO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitEnd(carol, EndReason.BUSY);
        assertThat(bob.state().phase()).isEqualTo(Phase.CONNECTED);
        assertThat(bob.state().peerUserId()).isEqualTo(server.userId(a));
    }

    @Test
    void whenOneDeviceAnswersTheOthersStopRinging() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls phone = calls(b);
        Calls laptop = calls(b);
        ring(alice, phone, conversation(a, b));
        awaitPhase(laptop, Phase.INCOMING_RINGING);
        phone.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitEnd(laptop, EndReason.ANSWERED_ELSEWHERE);
        awaitPhase(alice, Phase.CONNECTED);
        assertThat(phone.state().phase()).isEqualTo(Phase.CONNECTED);
    }

    @Test
    void theCallersSocketDroppingDuringTheRingEndsBothSides() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Poolse aliceClient;
        Calls alice = calls(a);
        aliceClient = clients.get(clients.size() - 1);
        Calls bob = calls(b);
        ring(alice, bob, conversation(a, b));
        aliceClient.realtime().disconnect();
        awaitEnd(alice, EndReason.CONNECTION_LOST);
        awaitEnd(bob, EndReason.CANCELLED);
    }

    @Test
    void aPartysSocketDroppingDuringTheCallEndsItForBoth() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        Poolse bobClient = clients.get(clients.size() - 1);
        ring(alice, bob, conversation(a, b));
        bob.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitPhase(alice, Phase.CONNECTED);
        bobClient.realtime().disconnect();
        awaitEnd(bob, EndReason.CONNECTION_LOST);
        awaitEnd(alice, EndReason.REMOTE_DISCONNECTED);
    }

    @Test
    void aNonMembersCallIsRefusedAndStaysIdle() throws Exception {
        String e = unique("eve");
        Calls eve = calls(e);
        UUID conv = conversation(unique("alice"), unique("bob"));
        Throwable refused = eve.place(conv, CallMedia.AUDIO).handle((s, err) -> err).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(refused).isInstanceOfSatisfying(CallRefusedException.class,
                r -> assertThat(r.reason()).isEqualTo("forbidden"));
        assertThat(eve.state()).isEqualTo(CallState.IDLE);
    }

    @Test
    void theEventListenersSeeEachStepOfTheCall() throws Exception {
        String a = unique("alice");
        String b = unique("bob");
        Calls alice = calls(a);
        Calls bob = calls(b);
        List<String> seen = new CopyOnWriteArrayList<>();
        bob.onIncoming(ev -> seen.add("incoming"));
        alice.onAccepted(ev -> seen.add("accepted by " + ev.userId()));
        bob.onEnded(ev -> seen.add("ended by " + ev.userId()));
        ring(alice, bob, conversation(a, b));
        bob.accept().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitPhase(alice, Phase.CONNECTED);
        alice.hangUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("incoming", "accepted by " + server.userId(b), "ended by " + server.userId(a));
    }
}
