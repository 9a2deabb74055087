package dev.poolse.sdk.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.events.ConversationUpdatedEvent;
import dev.poolse.client.events.MemberReadEvent;
import dev.poolse.client.events.MentionEvent;
import dev.poolse.client.events.MessageDeletedEvent;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.ConversationUpdateRequest;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realtime client end to end against the embedded dev server on loopback: every event fired by
 * its REST action, presence, typing, refused joins, status, and the server's fault injection.
 */
class RealtimeDevServerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static PoolseDevServer server;
    private final List<Poolse> clients = new ArrayList<>();
    private final List<Throwable> socketErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() {
        server = PoolseDevServer.start(DevServerConfig.builder().port(0)
                .typingTimeout(Duration.ofMillis(300)).rateLimit(0).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        server.faults().clear();
        clients.forEach(Poolse::close);
        clients.clear();
    }

    private Poolse client(String externalId) {
        return client(externalId, r -> { });
    }

    private Poolse client(String externalId, Consumer<RealtimeSettings.Builder> realtime) {
        Poolse p = Poolse.builder()
                .apiUrl(server.apiUrl().toString())
                .wsUrl(server.wsUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId))
                .onSocketError(socketErrors::add)
                .realtime(realtime)
                .build();
        clients.add(p);
        return p;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Conversation group(Poolse owner, String... members) {
        return owner.conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                .name("it").memberExternalIds(List.of(members)));
    }

    private static ConversationChannel joined(Poolse p, UUID conversationId) {
        ConversationChannel ch = p.realtime().conversation(conversationId);
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.JOINED);
        return ch;
    }

    private static Message send(Poolse p, UUID conversationId, String body) {
        return p.conversations().one(conversationId).messages().send(new MessageCreateRequest().body(body));
    }

    @Test
    void everyConversationEventArrivesAfterItsRestAction() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation conv = group(a, bob);
        ConversationChannel ch = joined(b, conv.getId());
        List<Message> created = new CopyOnWriteArrayList<>();
        List<Message> updated = new CopyOnWriteArrayList<>();
        List<MessageDeletedEvent> deleted = new CopyOnWriteArrayList<>();
        List<ReactionEvent> added = new CopyOnWriteArrayList<>();
        List<ReactionEvent> removed = new CopyOnWriteArrayList<>();
        List<MemberReadEvent> read = new CopyOnWriteArrayList<>();
        ch.onMessage(created::add);
        ch.onMessageUpdated(updated::add);
        ch.onMessageDeleted(deleted::add);
        ch.onReactionAdded(added::add);
        ch.onReactionRemoved(removed::add);
        ch.onMemberRead(read::add);

        Message m = send(a, conv.getId(), "hello");
        await().atMost(WAIT).until(() -> created.size() == 1);
        assertThat(created.get(0).getId()).isEqualTo(m.getId());
        assertThat(created.get(0).getBody()).isEqualTo("hello");

        a.messages().one(m.getId()).update(new MessageUpdateRequest().body("edited"));
        await().atMost(WAIT).until(() -> updated.stream().anyMatch(u -> "edited".equals(u.getBody())));

        a.messages().one(m.getId()).addReaction("👍");
        await().atMost(WAIT).until(() -> added.size() == 1);
        assertThat(added.get(0).emoji()).isEqualTo("👍");
        a.messages().one(m.getId()).removeReaction("👍");
        await().atMost(WAIT).until(() -> removed.size() == 1);

        b.conversations().one(conv.getId()).messages().markRead(m.getId());
        // The send moved the sender's own cursor (announced right after it), then bob read it.
        await().atMost(WAIT).until(() -> read.size() == 2);
        assertThat(read.get(0).userId()).isEqualTo(m.getSenderId());
        assertThat(read.get(1).userId()).isNotEqualTo(m.getSenderId());
        assertThat(read).allMatch(r -> r.lastReadMessageId().equals(m.getId()));

        a.messages().one(m.getId()).delete();
        await().atMost(WAIT).until(() -> deleted.size() == 1);
        assertThat(deleted.get(0).id()).isEqualTo(m.getId());
        assertThat(created).hasSize(1);
    }

    @Test
    void typingReachesPeersOnlyAndStopsAfterSilence() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation conv = group(a, bob);
        ConversationChannel aliceCh = joined(a, conv.getId());
        ConversationChannel bobCh = joined(b, conv.getId());
        List<TypingEvent> aliceSaw = new CopyOnWriteArrayList<>();
        List<TypingEvent> bobStart = new CopyOnWriteArrayList<>();
        List<TypingEvent> bobStop = new CopyOnWriteArrayList<>();
        aliceCh.onTypingStart(aliceSaw::add);
        aliceCh.onTypingStop(aliceSaw::add);
        bobCh.onTypingStart(bobStart::add);
        bobCh.onTypingStop(bobStop::add);

        aliceCh.sendTyping();
        await().atMost(WAIT).until(() -> bobStart.size() == 1);
        assertThat(bobStart.get(0).userId()).isEqualTo(server.userId(alice));
        await().atMost(WAIT).until(() -> bobStop.size() == 1);
        // Alice's own typing never comes back to her; a later message from bob proves her channel is live.
        List<Message> aliceMessages = new CopyOnWriteArrayList<>();
        aliceCh.onMessage(aliceMessages::add);
        send(b, conv.getId(), "after typing");
        await().atMost(WAIT).until(() -> aliceMessages.size() == 1);
        assertThat(aliceSaw).isEmpty();
    }

    @Test
    void userChannelReceivesCreatedUpdatedAndMention() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        UUID bobId = server.userId(bob);
        UserChannel me = b.realtime().user(bobId);
        List<Conversation> created = new CopyOnWriteArrayList<>();
        List<ConversationUpdatedEvent> updated = new CopyOnWriteArrayList<>();
        List<MentionEvent> mentions = new CopyOnWriteArrayList<>();
        me.onConversationCreated(created::add);
        me.onConversationUpdated(updated::add);
        me.onMention(mentions::add);
        await().atMost(WAIT).until(() -> me.state() == ChannelState.JOINED);

        Conversation conv = group(a, bob);
        await().atMost(WAIT).until(() -> created.stream().anyMatch(c -> c.getId().equals(conv.getId())));

        Message m = a.conversations().one(conv.getId()).messages()
                .send(new MessageCreateRequest().body("hey @bob").addMentionsItem(bobId));
        await().atMost(WAIT).until(() -> mentions.size() == 1);
        assertThat(mentions.get(0).messageId()).isEqualTo(m.getId());
        await().atMost(WAIT).until(() -> updated.stream().anyMatch(u -> u.conversation().getId().equals(conv.getId())));

        int before = updated.size();
        a.conversations().one(conv.getId()).update(new ConversationUpdateRequest().name("renamed"));
        await().atMost(WAIT).until(() -> updated.size() > before);
    }

    @Test
    void presenceTracksTwoDevicesOfOneUser() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Conversation conv = group(a, bob);
        ConversationChannel watch = joined(a, conv.getId());
        UUID bobId = server.userId(bob);
        List<PresenceDiff> diffs = new CopyOnWriteArrayList<>();
        watch.onPresenceDiff(diffs::add);

        Poolse phone = client(bob);
        Poolse laptop = client(bob);
        joined(phone, conv.getId());
        joined(laptop, conv.getId());
        await().atMost(WAIT).until(() -> watch.presence().devices(bobId).size() == 2);
        assertThat(diffs).isNotEmpty();

        phone.close();
        await().atMost(WAIT).until(() -> watch.presence().devices(bobId).size() == 1);
        assertThat(watch.presence().isOnline(bobId)).isTrue();

        laptop.close();
        await().atMost(WAIT).until(() -> !watch.presence().isOnline(bobId));
        assertThat(watch.presence().isOnline(server.userId(alice))).isTrue();

        List<PresenceSnapshot> late = new CopyOnWriteArrayList<>();
        watch.onPresenceState(late::add);
        await().atMost(WAIT).until(() -> late.size() == 1);
        assertThat(late.get(0).isOnline(server.userId(alice))).isTrue();
    }

    @Test
    void refusedJoinsAreReported() {
        String alice = unique("alice");
        String carol = unique("carol");
        Poolse a = client(alice);
        Conversation conv = group(a, unique("bob"));
        Poolse c = client(carol);
        List<RealtimeException> convErrors = new CopyOnWriteArrayList<>();
        List<RealtimeException> userErrors = new CopyOnWriteArrayList<>();
        c.realtime().conversation(conv.getId()).onError(convErrors::add);
        c.realtime().user(server.userId(alice)).onError(userErrors::add);
        await().atMost(WAIT).until(() -> !convErrors.isEmpty() && !userErrors.isEmpty());
        assertThat(convErrors.get(0)).isInstanceOfSatisfying(JoinRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo("forbidden"));
        assertThat(userErrors.get(0)).isInstanceOf(JoinRefusedException.class);
        assertThat(socketErrors).anySatisfy(e -> assertThat(e).isInstanceOf(JoinRefusedException.class));
    }

    @Test
    void statusGoesThroughTheLifecycle() {
        String alice = unique("alice");
        Poolse a = client(alice);
        Conversation conv = group(a, unique("bob"));
        PoolseRealtime rt = a.realtime();
        assertThat(rt.status()).isEqualTo(RealtimeStatus.IDLE);
        List<RealtimeStatus> seen = new CopyOnWriteArrayList<>();
        rt.onStatus(seen::add);
        joined(a, conv.getId());
        await().atMost(WAIT).until(() -> seen.contains(RealtimeStatus.CONNECTED));
        server.faults().dropSockets();
        await().atMost(WAIT).until(() -> seen.size() >= 4);
        rt.disconnect();
        await().atMost(WAIT).until(() -> seen.contains(RealtimeStatus.CLOSED));
        assertThat(seen).containsExactly(RealtimeStatus.CONNECTING, RealtimeStatus.CONNECTED,
                RealtimeStatus.RECONNECTING, RealtimeStatus.CONNECTED, RealtimeStatus.CLOSED);
    }

    @Test
    void repeatedSocketDropsLoseNoMessageAndDuplicateNone() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation conv = group(a, bob);
        ConversationChannel ch = joined(b, conv.getId());
        List<Long> sequences = new CopyOnWriteArrayList<>();
        ch.onMessage(m -> sequences.add(m.getSequence()));

        server.faults().dropSocketsEvery(Duration.ofMillis(120));
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Message m = send(a, conv.getId(), "n" + i);
            sent.add(m.getSequence());
            if (i % 10 == 9) {
                // A thread reply in between: outside the main feed, yet sharing the sequence counter.
                a.conversations().one(conv.getId()).messages()
                        .send(new MessageCreateRequest().body("reply").replyToId(m.getId()));
            }
        }
        server.faults().clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> sequences.containsAll(sent));
        List<Long> mainFeed = sequences.stream().filter(sent::contains).toList();
        assertThat(mainFeed).containsExactlyElementsOf(sent);
        assertThat(sequences).doesNotHaveDuplicates();
        assertThat(server.faults().socketDrops()).isGreaterThan(1);
    }

    @Test
    void unansweredHeartbeatsMakeTheClientReconnect() {
        String alice = unique("alice");
        Poolse a = client(alice, r -> r.heartbeatInterval(Duration.ofMillis(200)));
        Conversation conv = group(a, unique("bob"));
        ConversationChannel ch = joined(a, conv.getId());
        List<RealtimeStatus> seen = new CopyOnWriteArrayList<>();
        a.realtime().onStatus(seen::add);
        server.faults().stopHeartbeatReplies(true);
        await().atMost(WAIT).until(() -> seen.contains(RealtimeStatus.RECONNECTING));
        assertThat(socketErrors).anySatisfy(e -> assertThat(e).hasMessageContaining("heartbeat timeout"));
        server.faults().stopHeartbeatReplies(false);
        await().atMost(WAIT).until(() -> a.realtime().status() == RealtimeStatus.CONNECTED
                && ch.state() == ChannelState.JOINED);
    }

    @Test
    void expiredTokensAreReplacedWithoutListenersNoticing() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation conv = group(a, bob);
        ConversationChannel ch = joined(b, conv.getId());
        List<Long> sequences = new CopyOnWriteArrayList<>();
        ch.onMessage(m -> sequences.add(m.getSequence()));
        Message first = send(a, conv.getId(), "before");

        server.faults().expireAllTokens();
        server.faults().dropSockets();
        Message second = send(a, conv.getId(), "during");
        await().atMost(WAIT).until(() -> b.realtime().status() == RealtimeStatus.CONNECTED && ch.state() == ChannelState.JOINED);
        Message third = send(a, conv.getId(), "after");
        await().atMost(WAIT).until(() -> sequences.size() == 3);
        assertThat(sequences).containsExactly(first.getSequence(), second.getSequence(), third.getSequence());
        assertThat(socketErrors).anySatisfy(e -> assertThat(e).isInstanceOf(UpgradeRefusedException.class));
    }

    @Test
    void slowListenerDelaysOnlyItsOwnChannel() throws InterruptedException {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation slowConv = group(a, bob);
        Conversation fastConv = group(a, bob);
        ConversationChannel slow = joined(b, slowConv.getId());
        ConversationChannel fast = joined(b, fastConv.getId());
        CountDownLatch release = new CountDownLatch(1);
        List<Message> slowGot = new CopyOnWriteArrayList<>();
        List<Message> fastGot = new CopyOnWriteArrayList<>();
        slow.onMessage(m -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowGot.add(m);
        });
        fast.onMessage(fastGot::add);
        try {
            send(a, slowConv.getId(), "one");
            send(a, slowConv.getId(), "two");
            send(a, fastConv.getId(), "quick");
            await().atMost(WAIT).until(() -> fastGot.size() == 1);
            assertThat(slowGot).isEmpty();
            assertThat(b.realtime().status()).isEqualTo(RealtimeStatus.CONNECTED);
        } finally {
            release.countDown();
        }
        await().atMost(WAIT).until(() -> slowGot.size() == 2);
        assertThat(slowGot).extracting(Message::getBody).containsExactly("one", "two");
    }

    @Test
    void afterCloseNoCallbackFiresAndNoSdkThreadRemains() {
        String alice = unique("alice");
        String bob = unique("bob");
        Poolse a = client(alice);
        Poolse b = client(bob);
        Conversation conv = group(a, bob);
        ConversationChannel bobCh = joined(b, conv.getId());
        ConversationChannel aliceCh = joined(a, conv.getId());
        List<Object> bobCalls = new CopyOnWriteArrayList<>();
        List<Message> aliceGot = new CopyOnWriteArrayList<>();
        bobCh.onMessage(bobCalls::add);
        b.realtime().onStatus(bobCalls::add);
        aliceCh.onMessage(aliceGot::add);

        b.close();
        // CLOSED is the last callback, delivered before close() returns; nothing follows it.
        assertThat(bobCalls).containsExactly(RealtimeStatus.CLOSED);
        send(a, conv.getId(), "after bob left");
        await().atMost(WAIT).until(() -> aliceGot.size() == 1);
        assertThat(bobCalls).containsExactly(RealtimeStatus.CLOSED);

        a.close();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("poolse-realtime-")));
        assertThat(bobCalls).containsExactly(RealtimeStatus.CLOSED);
    }
}
