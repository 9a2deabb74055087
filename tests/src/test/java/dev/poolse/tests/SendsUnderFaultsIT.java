package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ConversationMessages;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Figure 1: message sends under injected faults. The SDK fills in a message id and an idempotency
 * key once per logical send, so a retry after a lost response (the server stored the message, then
 * reset the connection) is answered from the server's idempotency cache instead of storing the
 * message again. Counted from the server side: the dev server's counters and a full listing.
 */
class SendsUnderFaultsIT {

    private static final int THREADS = 16;
    private static final double FAULT_RATIO = 0.20;
    private static final long FAULT_SEED = 20_26L;

    /*
     * Retries per call. The default (3, so 4 attempts) cannot meet "none surfaces an exception" at
     * a 20% fault rate: the faults are drawn independently per request, so 0.2^4 = 0.16% of sends
     * (about 16 in 10,000) fail four times in a row. With 8 retries the chance that some send of
     * 10,000 fails nine times in a row is 10,000 * 0.2^9 = 0.5% per run; one CI run surfaced one such
     * exception (its message stored once, one reset without a replay: the last attempt was a reset
     * after storing). With 12 retries it is 10,000 * 0.2^13 = 0.001%. The retry budget stays the
     * default (500 tokens, one back per success): at 20% faults it never runs dry.
     */
    private static final int MAX_RETRIES = 12;

    @Test
    void everyLogicalSendIsStoredExactlyOnceWhileTwentyPercentOfRequestsFail() throws Exception {
        int sends = 10_000 * Fixtures.scale();
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).build();
        try (PoolseDevServer server = PoolseDevServer.start(config);
                Poolse chat = Fixtures.client(server, "alice", b -> b.maxRetries(MAX_RETRIES))) {
            UUID conversationId = Fixtures.groupConversation(chat, List.of("bob"));
            ConversationMessages messages = chat.conversations().one(conversationId).messages();
            server.faults().failRatio(FAULT_RATIO, FAULT_SEED, "/v1/conversations/" + conversationId + "/messages");

            AtomicInteger next = new AtomicInteger();
            AtomicInteger surfaced = new AtomicInteger();
            List<String> surfacedSamples = new CopyOnWriteArrayList<>();
            Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            // A worker that fails or outlives its bound is held until the figure is printed, so a red
            // run still says how far the sends got.
            Exception stopped = null;
            try {
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < sends; i = next.getAndIncrement()) {
                            String body = "send-" + i;
                            try {
                                Message m = messages.send(new MessageCreateRequest().body(body));
                                acknowledged.put(m.getId(), body);
                            } catch (RuntimeException e) {
                                if (surfaced.incrementAndGet() <= 5) {
                                    surfacedSamples.add(body + ": " + e);
                                }
                            }
                        }
                    }));
                }
                for (Future<?> w : workers) {
                    w.get(4L * Fixtures.scale(), TimeUnit.MINUTES); // bounded, and longer for longer runs
                }
            } catch (ExecutionException | TimeoutException e) {
                stopped = e;
            } finally {
                pool.shutdownNow();
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            server.faults().clear();

            // The server's view: every stored message of the conversation, by body.
            Map<String, Integer> storedByBody = new HashMap<>();
            Set<UUID> storedIds = new HashSet<>();
            for (Message m : messages.iterate(100, RequestOptions.defaults())) {
                storedByBody.merge(m.getBody(), 1, Integer::sum);
                storedIds.add(m.getId());
            }
            long faults = server.faults().failuresInjected() + server.faults().resetsInjected();
            long duplicates = storedByBody.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long lost = sends - storedByBody.size();
            System.out.printf("faults: %d sends, %d faults injected (%d resets after storing, %d replays), "
                    + "%d duplicates, %d lost, %d surfaced exceptions, %d s%n", sends, faults,
                    server.faults().resetsInjected(), server.counters().idempotentReplays(), duplicates, lost,
                    surfaced.get(), seconds);

            if (stopped != null) {
                throw stopped;
            }
            assertThat(faults).as("faults injected").isGreaterThan((long) (sends * FAULT_RATIO * 0.8));
            assertThat(server.faults().resetsInjected()).as("resets after storing").isPositive();
            assertThat(duplicates).as("duplicates").isZero();
            assertThat(lost).as("lost").isZero();
            assertThat(surfaced.get()).as("exceptions surfaced to the caller, first ones: %s", surfacedSamples)
                    .isZero();
            assertThat(server.counters().messagesStored(conversationId)).as("server counter").isEqualTo(sends);
            assertThat(storedIds).as("acknowledged ids are the stored ids").isEqualTo(acknowledged.keySet());
        }
    }
}
