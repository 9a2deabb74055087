package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ConversationMessages;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ResumeFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Figure: history and live meet without a seam. While another client sends without pause, apps
 * start one after another the way a chat screen does: load the newest page of history over REST,
 * then open the conversation's channel from that page's newest sequence. Each app's listener must
 * see every later main-feed message exactly once and in sequence order, whether it was stored
 * before the join, during it or after it; sockets are dropped every 500 ms on top.
 */
class HistoryToLiveIT {

    private static final int APPS = 6;
    private static final Duration DROP_PERIOD = Duration.ofMillis(500);

    /** What one app shows: the history page's newest sequence, then what its listener received. */
    private static final class App {
        final long lastSeen;
        final List<Long> received = new ArrayList<>();

        App(long lastSeen) {
            this.lastSeen = lastSeen;
        }

        synchronized void add(Message m) {
            received.add(m.getSequence());
        }

        synchronized List<Long> snapshot() {
            return new ArrayList<>(received);
        }
    }

    @Test
    void appsStartedFromAHistoryPageSeeEveryLaterMessageOnceInOrder() throws Exception {
        int sends = 3_000 * Fixtures.scale();
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).build();
        List<Poolse> clients = new ArrayList<>();
        List<App> apps = new ArrayList<>();
        try (PoolseDevServer server = PoolseDevServer.start(config);
                Poolse sender = Fixtures.client(server, "alice", b -> { })) {
            try {
                run(server, sender, clients, apps, sends);
            } finally {
                for (Poolse c : clients) {
                    c.close();
                }
            }
        }
    }

    private static void run(PoolseDevServer server, Poolse sender, List<Poolse> clients, List<App> apps, int sends)
            throws Exception {
        UUID conversationId = Fixtures.groupConversation(sender, List.of("bob"));
        ConversationMessages feed = sender.conversations().one(conversationId).messages();
        for (int i = 0; i < 120; i++) {
            feed.send(new MessageCreateRequest().body("before-" + i));
        }
        AtomicLong newest = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService sending = Executors.newSingleThreadExecutor();
        Future<?> sent = sending.submit(() -> {
            for (int i = 0; i < sends && !stop.get(); i++) {
                newest.set(feed.send(new MessageCreateRequest().body("live-" + i)).getSequence());
            }
        });
        server.faults().dropSocketsEvery(DROP_PERIOD);
        try {
            for (int a = 0; a < APPS; a++) {
                // Each app starts after the sender got further, so the seams fall at different places.
                long startAt = newest.get() + 150;
                await().atMost(Duration.ofSeconds(60)).until(() -> newest.get() >= startAt || sent.isDone());
                Poolse bob = Fixtures.client(server, "bob", b -> b.onSocketError(e -> { }));
                clients.add(bob);
                List<Message> page = bob.conversations().one(conversationId).messages()
                        .list(MessageQuery.newest(50)).getData();
                App app = new App(page.isEmpty() ? 0 : page.get(0).getSequence());
                apps.add(app);
                bob.realtime().conversation(conversationId, ResumeFrom.sequence(app.lastSeen)).onMessage(app::add);
            }
            sent.get(120, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            sending.shutdown();
            assertThat(sending.awaitTermination(30, TimeUnit.SECONDS)).as("sender stopped").isTrue();
        }
        long drops = server.faults().socketDrops();
        server.faults().clear();
        long last = newest.get();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> apps.stream()
                    .allMatch(app -> app.snapshot().size() >= last - app.lastSeen));
        } catch (ConditionTimeoutException e) {
            // Printed below; the assertions then say which app is short.
        }
        int[] missing = new int[APPS];
        int[] duplicates = new int[APPS];
        int[] outOfOrder = new int[APPS];
        List<Long> starts = new ArrayList<>();
        for (int a = 0; a < APPS; a++) {
            App app = apps.get(a);
            starts.add(app.lastSeen);
            List<Long> got = app.snapshot();
            duplicates[a] = got.size() - (int) got.stream().distinct().count();
            missing[a] = (int) (last - app.lastSeen) - (int) got.stream().distinct().filter(s -> s > app.lastSeen).count();
            for (int i = 1; i < got.size(); i++) {
                if (got.get(i) <= got.get(i - 1)) {
                    outOfOrder[a]++;
                }
            }
        }
        System.out.printf("history to live: %d apps started at sequences %s while %d messages were sent "
                + "(%d socket drops): missing %s, duplicates %s, out of order %s, first delivered %s%n", APPS,
                starts, last, drops, java.util.Arrays.toString(missing), java.util.Arrays.toString(duplicates),
                java.util.Arrays.toString(outOfOrder), apps.stream().map(app -> {
                    List<Long> got = app.snapshot();
                    return got.isEmpty() ? null : got.get(0);
                }).toList());
        for (int a = 0; a < APPS; a++) {
            App app = apps.get(a);
            List<Long> expected = new ArrayList<>();
            for (long s = app.lastSeen + 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(app.snapshot()).as("app %d started after sequence %d", a, app.lastSeen)
                    .containsExactlyElementsOf(expected);
        }
    }
}
