package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.events.MemberReadEvent;
import dev.poolse.client.events.MessageDeletedEvent;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.model.Membership;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.ConversationHandle;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ConversationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Figure: every event kind converges. Two actors perform a seeded random mix of sends, thread
 * replies, edits, deletions, reaction adds and removes and mark-reads while the dev server drops
 * every socket every 700 ms and the observer's tokens last five seconds. The observer builds its
 * view of the conversation only from its listener callbacks; at the end that view must equal the
 * server's state read over REST, message by message (body, deletion, reactions, reply count),
 * thread by thread and read cursor by read cursor, with no message delivered twice, none out of
 * sequence order and no event ahead of the message it refers to.
 */
class RealtimeConvergenceIT {

    private static final Duration DROP_PERIOD = Duration.ofMillis(700);
    private static final Duration TOKEN_TTL = Duration.ofSeconds(5);
    private static final Duration OP_PERIOD = Duration.ofMillis(130);
    private static final List<String> EMOJI = List.of("👍", "🎉", "👨‍👩‍👧", "❤️");

    /** One message as the observer sees it. */
    private static final class Seen {
        final UUID id;
        final UUID threadRootId;
        final long sequence;
        String body;
        boolean deleted;
        int replyCount;
        final Map<String, Set<UUID>> reactions = new TreeMap<>();

        Seen(Message m) {
            this.id = m.getId();
            this.threadRootId = m.getThreadRootId();
            this.sequence = m.getSequence();
            apply(m);
        }

        void apply(Message m) {
            body = m.getBody();
            deleted = m.getDeletedAt() != null;
            replyCount = m.getReplyCount() == null ? 0 : m.getReplyCount();
            reactions.clear();
            if (m.getReactions() != null) {
                m.getReactions().forEach((emoji, users) -> reactions.put(emoji, new TreeSet<>(users)));
            }
        }
    }

    /** The observer's view, built from callbacks only; they run one at a time on the channel's lane. */
    private static final class View {
        final Map<UUID, Seen> messages = new LinkedHashMap<>();
        final Map<UUID, UUID> readCursors = new HashMap<>();
        long lastMainSequence;
        final Map<UUID, Long> lastReplySequence = new HashMap<>();
        int duplicates;
        int outOfOrder;
        int ahead;

        synchronized void created(Message m) {
            if (messages.containsKey(m.getId())) {
                duplicates++;
                return;
            }
            if (m.getThreadRootId() == null) {
                if (m.getSequence() <= lastMainSequence) {
                    outOfOrder++;
                }
                lastMainSequence = Math.max(lastMainSequence, m.getSequence());
            } else {
                long last = lastReplySequence.getOrDefault(m.getThreadRootId(), 0L);
                if (m.getSequence() <= last || !messages.containsKey(m.getThreadRootId())) {
                    outOfOrder++;
                }
                lastReplySequence.put(m.getThreadRootId(), Math.max(last, m.getSequence()));
            }
            messages.put(m.getId(), new Seen(m));
        }

        synchronized void updated(Message m) {
            Seen s = messages.get(m.getId());
            if (s == null) {
                ahead++;
                return;
            }
            s.apply(m);
        }

        synchronized void deleted(MessageDeletedEvent e) {
            Seen s = messages.get(e.id());
            if (s == null) {
                ahead++;
                return;
            }
            s.deleted = true;
            s.body = null;
        }

        synchronized void reaction(ReactionEvent e, boolean added) {
            Seen s = messages.get(e.messageId());
            if (s == null) {
                ahead++;
                return;
            }
            if (added) {
                s.reactions.computeIfAbsent(e.emoji(), k -> new TreeSet<>()).add(e.userId());
            } else {
                Set<UUID> users = s.reactions.get(e.emoji());
                if (users != null) {
                    users.remove(e.userId());
                    if (users.isEmpty()) {
                        s.reactions.remove(e.emoji());
                    }
                }
            }
        }

        synchronized void read(MemberReadEvent e) {
            if (!messages.containsKey(e.lastReadMessageId())) {
                ahead++;
            }
            readCursors.put(e.userId(), e.lastReadMessageId());
        }
    }

    /** The differences between the observer's view and the server's state. */
    private record Diff(int missing, int extra, int wrongBodies, int wrongDeletions, int wrongReactions,
            int wrongReplyCounts, int wrongReadCursors) {
        boolean none() {
            return missing + extra + wrongBodies + wrongDeletions + wrongReactions + wrongReplyCounts
                    + wrongReadCursors == 0;
        }
    }

    /** What the actors did, for the printed figure. */
    private static final class Tally {
        final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
        final AtomicInteger unexpected = new AtomicInteger();

        void count(String op, boolean ok) {
            (ok ? done : failed).computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void observerViewBuiltFromCallbacksEqualsServerStateAfterSocketDropsAndTokenExpiries() throws Exception {
        Duration run = Duration.ofSeconds(40L * Fixtures.scale());
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).build();
        AtomicInteger socketErrors = new AtomicInteger();
        AtomicInteger resyncs = new AtomicInteger();
        AtomicInteger tokenCalls = new AtomicInteger();
        try (PoolseDevServer server = PoolseDevServer.start(config);
                Poolse alice = Fixtures.client(server, "alice", b -> { });
                Poolse bob = Fixtures.client(server, "bob", b -> { });
                Poolse observer = Poolse.builder()
                        .apiUrl(server.apiUrl().toString())
                        .tokenProvider(() -> {
                            tokenCalls.incrementAndGet();
                            return server.mintToken("carol", TOKEN_TTL);
                        })
                        .onSocketError(e -> {
                            socketErrors.incrementAndGet();
                            if (e instanceof dev.poolse.sdk.realtime.ResyncRequiredException) {
                                resyncs.incrementAndGet();
                            }
                        })
                        .build()) {
            UUID conversationId = Fixtures.groupConversation(alice, List.of("bob", "carol"));
            View view = new View();
            ConversationChannel channel = observer.realtime().conversation(conversationId);
            channel.onMessage(view::created);
            channel.onMessageUpdated(view::updated);
            channel.onMessageDeleted(view::deleted);
            channel.onReactionAdded(e -> view.reaction(e, true));
            channel.onReactionRemoved(e -> view.reaction(e, false));
            channel.onMemberRead(view::read);
            // By contract the feed starts at the first join: act only after it.
            channel.joined().get(30, TimeUnit.SECONDS);

            List<Message> mainFeed = new CopyOnWriteArrayList<>();
            Tally tally = new Tally();
            server.faults().dropSocketsEvery(DROP_PERIOD);
            ScheduledExecutorService actors = Executors.newScheduledThreadPool(2);
            long started = System.nanoTime();
            try {
                actors.scheduleAtFixedRate(new Actor(alice, conversationId, new Random(11), mainFeed, tally),
                        0, OP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
                actors.scheduleAtFixedRate(new Actor(bob, conversationId, new Random(23), mainFeed, tally),
                        OP_PERIOD.toMillis() / 2, OP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
                await().atMost(run.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> System.nanoTime() - started >= run.toNanos());
            } finally {
                actors.shutdown();
                assertThat(actors.awaitTermination(30, TimeUnit.SECONDS)).as("actors stopped").isTrue();
            }
            long drops = server.faults().socketDrops();
            server.faults().clear();

            ConversationHandle conv = alice.conversations().one(conversationId);
            AtomicReference<Diff> last = new AtomicReference<>();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    Diff d = compare(view, conv, alice);
                    last.set(d);
                    return d.none();
                });
            } catch (ConditionTimeoutException e) {
                // The figure below says what was still different; the assertions then fail on it.
            }
            Diff d = last.get();
            int duplicates;
            int outOfOrder;
            int ahead;
            int seen;
            synchronized (view) {
                duplicates = view.duplicates;
                outOfOrder = view.outOfOrder;
                ahead = view.ahead;
                seen = view.messages.size();
            }
            System.out.printf("convergence: %d s, ops %s, rejected %s, %d socket drops, %d observer token calls "
                    + "(%d s tokens), %d socket errors, %d resyncs; observer saw %d messages: %d missing, "
                    + "%d extra, %d duplicates, %d out of order, %d events ahead of their message, "
                    + "%d wrong bodies, %d wrong deletions, %d wrong reactions, %d wrong reply counts, "
                    + "%d wrong read cursors%n", run.toSeconds(), new TreeMap<>(tally.done), new TreeMap<>(tally.failed),
                    drops, tokenCalls.get(), TOKEN_TTL.toSeconds(), socketErrors.get(), resyncs.get(), seen,
                    d.missing(), d.extra(), duplicates, outOfOrder, ahead, d.wrongBodies(), d.wrongDeletions(),
                    d.wrongReactions(), d.wrongReplyCounts(), d.wrongReadCursors());

            assertThat(drops).as("socket drops").isGreaterThanOrEqualTo(run.toSeconds() / 2);
            assertThat(tally.done.values().stream().mapToInt(AtomicInteger::get).sum()).as("operations done")
                    .isGreaterThan(200 * Fixtures.scale());
            assertThat(tally.unexpected.get()).as("actor operations that failed other than with 410").isZero();
            assertThat(duplicates).as("duplicates").isZero();
            assertThat(outOfOrder).as("out of order").isZero();
            assertThat(ahead).as("events ahead of their message").isZero();
            assertThat(resyncs.get()).as("resyncs (events no longer kept)").isZero();
            assertThat(d).as("observer view against the server").isEqualTo(new Diff(0, 0, 0, 0, 0, 0, 0));
        }
    }

    /** One actor: each run is one random operation, the kind and target drawn from its seed. */
    private static final class Actor implements Runnable {
        private final Poolse client;
        private final ConversationHandle conv;
        private final Random random;
        private final List<Message> mainFeed;
        private final Tally tally;
        private final List<Message> own = new ArrayList<>();
        private final UUID me;

        Actor(Poolse client, UUID conversationId, Random random, List<Message> mainFeed, Tally tally) {
            this.client = client;
            this.conv = client.conversations().one(conversationId);
            this.random = random;
            this.mainFeed = mainFeed;
            this.tally = tally;
            this.me = client.me().show().getId();
        }

        @Override
        public void run() {
            int roll = random.nextInt(100);
            String op = roll < 30 ? "send" : roll < 45 ? "reply" : roll < 60 ? "edit" : roll < 68 ? "delete"
                    : roll < 84 ? "react" : roll < 92 ? "unreact" : "read";
            if (mainFeed.isEmpty() && !op.equals("send")) {
                op = "send";
            }
            try {
                switch (op) {
                    case "send" -> {
                        Message m = conv.messages().send(new MessageCreateRequest().body("m-" + random.nextInt()));
                        mainFeed.add(m);
                        own.add(m);
                    }
                    case "reply" -> own.add(conv.messages().send(new MessageCreateRequest()
                            .replyToId(pick(mainFeed).getId()).body("r-" + random.nextInt())));
                    case "edit" -> {
                        if (own.isEmpty()) {
                            return;
                        }
                        client.messages().one(pick(own).getId())
                                .update(new MessageUpdateRequest().body("e-" + random.nextInt()));
                    }
                    case "delete" -> {
                        if (own.isEmpty()) {
                            return;
                        }
                        client.messages().one(pick(own).getId()).delete();
                    }
                    case "react" -> client.messages().one(pick(mainFeed).getId()).addReaction(pick(EMOJI));
                    case "unreact" -> client.messages().one(pick(mainFeed).getId()).removeReaction(pick(EMOJI));
                    default -> conv.messages().markRead(pick(mainFeed).getId());
                }
                tally.count(op, true);
            } catch (ApiException e) {
                // 410: editing or reacting to a message already deleted, a legal race between actors.
                tally.count(op + " " + e.status(), false);
                if (e.status() != 410) {
                    tally.unexpected.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // Counted, not thrown: a throwing task would silently end its fixed-rate schedule.
                tally.count(op + " " + e.getClass().getSimpleName(), false);
                tally.unexpected.incrementAndGet();
            }
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        @Override
        public String toString() {
            return "actor " + me;
        }
    }

    /** The server's state over REST against the observer's view. */
    private static Diff compare(View view, ConversationHandle conv, Poolse reader) {
        Map<UUID, Message> server = new LinkedHashMap<>();
        List<Message> roots = new ArrayList<>();
        for (Message m : conv.messages().iterate()) {
            server.put(m.getId(), m);
            roots.add(m);
        }
        for (Message root : roots) {
            if (root.getReplyCount() != null && root.getReplyCount() > 0) {
                for (Message r : reader.messages().one(root.getId()).iterateReplies()) {
                    server.put(r.getId(), r);
                }
            }
        }
        Map<UUID, UUID> cursors = new HashMap<>();
        for (Membership member : conv.listMembers().getData()) {
            if (member.getLastReadMessageId() != null) {
                cursors.put(member.getUserId(), member.getLastReadMessageId());
            }
        }
        synchronized (view) {
            int missing = 0;
            int wrongBodies = 0;
            int wrongDeletions = 0;
            int wrongReactions = 0;
            int wrongReplyCounts = 0;
            for (Message m : server.values()) {
                Seen s = view.messages.get(m.getId());
                if (s == null) {
                    missing++;
                    continue;
                }
                if (!Objects.equals(s.body, m.getBody())) {
                    wrongBodies++;
                }
                if (s.deleted != (m.getDeletedAt() != null)) {
                    wrongDeletions++;
                }
                Map<String, Set<UUID>> reactions = new TreeMap<>();
                if (m.getReactions() != null) {
                    m.getReactions().forEach((emoji, users) -> reactions.put(emoji, new TreeSet<>(users)));
                }
                if (!reactions.equals(s.reactions)) {
                    wrongReactions++;
                }
                int replyCount = m.getReplyCount() == null ? 0 : m.getReplyCount();
                if (m.getThreadRootId() == null && replyCount != s.replyCount) {
                    wrongReplyCounts++;
                }
            }
            int extra = (int) view.messages.keySet().stream().filter(id -> !server.containsKey(id)).count();
            int wrongReadCursors = cursors.equals(view.readCursors) ? 0
                    : (int) java.util.stream.Stream.concat(cursors.keySet().stream(), view.readCursors.keySet().stream())
                            .distinct().filter(u -> !Objects.equals(cursors.get(u), view.readCursors.get(u))).count();
            return new Diff(missing, extra, wrongBodies, wrongDeletions, wrongReactions, wrongReplyCounts,
                    wrongReadCursors);
        }
    }
}
