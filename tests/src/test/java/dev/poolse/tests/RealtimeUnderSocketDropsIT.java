package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ConversationMessages;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.ConversationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Figure 2: realtime delivery while the server drops every socket every 300 ms. Each listener must
 * see each message exactly once and in sequence order: live copies while connected, the rest
 * fetched over REST after each rejoin (the SDK's gap-free delivery).
 */
class RealtimeUnderSocketDropsIT {

    private static final int SENDER_THREADS = 4;
    private static final Duration DROP_PERIOD = Duration.ofMillis(300);

    /** What one listening client received, in delivery order; written by its channel lane only. */
    private static final class Received {
        final String user;
        final List<Message> messages = new ArrayList<>();

        Received(String user) {
            this.user = user;
        }

        synchronized void add(Message m) {
            messages.add(m);
        }

        synchronized List<Message> snapshot() {
            return new ArrayList<>(messages);
        }

        synchronized int size() {
            return messages.size();
        }
    }

    /** What one listener's deliveries amount to, against the acknowledged sends. */
    private record Tally(String user, int received, int duplicates, int outOfOrder, Set<UUID> missing) {
        static Tally of(Received r, Set<UUID> sent) {
            List<Message> got = r.snapshot();
            Set<UUID> distinct = new HashSet<>();
            int duplicates = 0;
            int outOfOrder = 0;
            long previous = Long.MIN_VALUE;
            for (Message m : got) {
                if (!distinct.add(m.getId())) {
                    duplicates++;
                }
                if (m.getSequence() <= previous) {
                    outOfOrder++;
                }
                previous = m.getSequence();
            }
            Set<UUID> missing = new HashSet<>(sent);
            missing.removeAll(distinct);
            return new Tally(r.user, got.size(), duplicates, outOfOrder, missing);
        }
    }

    @Test
    void eachListenerReceivesEachMessageOnceInSequenceOrderWhileSocketsDrop() throws Exception {
        int sends = 5_000 * Fixtures.scale();
        List<String> listeners = List.of("bob", "carol");
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).build();
        List<Poolse> clients = new ArrayList<>();
        try (PoolseDevServer server = PoolseDevServer.start(config);
                Poolse sender = Fixtures.client(server, "alice", b -> { })) {
            UUID conversationId = Fixtures.groupConversation(sender, listeners);
            List<Received> received = new ArrayList<>();
            List<ConversationChannel> channels = new ArrayList<>();
            AtomicInteger socketErrors = new AtomicInteger();
            try {
                for (String user : listeners) {
                    // Each drop is reported as a socket error; counted here instead of logged.
                    Poolse client = Fixtures.client(server, user, b -> b.onSocketError(e -> socketErrors.incrementAndGet()));
                    clients.add(client);
                    Received r = new Received(user);
                    received.add(r);
                    ConversationChannel channel = client.realtime().conversation(conversationId);
                    channel.onMessage(r::add);
                    channels.add(channel);
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> channels.stream().allMatch(c -> c.state() == ChannelState.JOINED));

                server.faults().dropSocketsEvery(DROP_PERIOD);
                // A failed send or a catch-up timeout is held until the figures are printed, so a red
                // run still says what each listener saw.
                Set<UUID> sent = ConcurrentHashMap.newKeySet();
                Exception stopped = null;
                try {
                    sendAll(sender.conversations().one(conversationId).messages(), sends, sent);
                    // Keep dropping until every listener has caught up, so catching up is tested under drops too.
                    await().atMost(Duration.ofSeconds(120L * Fixtures.scale())).pollInterval(Duration.ofMillis(100))
                            .until(() -> received.stream().allMatch(r -> r.size() >= sends));
                } catch (ConditionTimeoutException | ExecutionException | TimeoutException e) {
                    stopped = e;
                }
                server.faults().clear();
                long drops = server.faults().socketDrops();

                // Every listener's line first, then the assertions, so a red run shows both listeners.
                List<Tally> tallies = new ArrayList<>();
                for (Received r : received) {
                    Tally t = Tally.of(r, sent);
                    tallies.add(t);
                    System.out.printf("socket drops: %d messages (%d sent), %d drops every %d ms, listener %s received "
                            + "%d, %d duplicates, %d out of order, %d missing (%d socket errors reported in all)%n", sends,
                            sent.size(), drops, DROP_PERIOD.toMillis(), t.user(), t.received(), t.duplicates(),
                            t.outOfOrder(), t.missing().size(), socketErrors.get());
                }
                if (stopped != null) {
                    throw stopped;
                }
                for (Tally t : tallies) {
                    assertThat(t.duplicates()).as("duplicates for %s", t.user()).isZero();
                    assertThat(t.outOfOrder()).as("out of order for %s", t.user()).isZero();
                    assertThat(t.missing()).as("missing for %s", t.user()).isEmpty();
                    assertThat(t.received()).as("received by %s", t.user()).isEqualTo(sends);
                }
                assertThat(drops).as("socket drops during the run").isGreaterThanOrEqualTo(3);
            } finally {
                for (Poolse c : clients) {
                    c.close();
                }
            }
        }
    }

    /** Sends {@code sends} messages from several threads, adding each acknowledged id to {@code sent}. */
    private static void sendAll(ConversationMessages messages, int sends, Set<UUID> sent)
            throws InterruptedException, ExecutionException, TimeoutException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SENDER_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < SENDER_THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < sends; i = next.getAndIncrement()) {
                        sent.add(messages.send(new MessageCreateRequest().body("live-" + i)).getId());
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get(3L * Fixtures.scale(), TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
