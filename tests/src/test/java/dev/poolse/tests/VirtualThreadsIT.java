package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageList;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ConversationMessages;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The blocking API from virtual threads: 10,000 virtual threads, each sending a message and listing
 * the newest ones with the blocking calls, against the embedded dev server. Passes when every call
 * succeeds, JFR reports no {@code jdk.VirtualThreadPinned} event (a virtual thread that blocked
 * while pinned to its carrier), the carrier threads stay few, and everything ends within the
 * deadline (no deadlock).
 *
 * <p>Runs on JDK 24 and newer only (the second, JDK 25 pass of {@code .ci/run}): the code is
 * compiled for 17, so the virtual-thread executor is looked up reflectively, and before JDK 24
 * (JEP 491) a thread blocking inside {@code synchronized} pins its carrier anyway.
 *
 * <p>At most {@value #IN_FLIGHT} exchanges are in flight at once: client and server share this JVM
 * and each exchange holds two sockets, and the machine allows 20,000 open files per process. The
 * other threads wait on the semaphore, itself a blocking call a virtual thread must not pin on.
 */
@EnabledIf("virtualThreadsUnpinnedBySynchronized")
class VirtualThreadsIT {

    private static final int THREADS = 10_000;
    private static final int IN_FLIGHT = 512;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    /** Whether a pinned event happened inside {@code ClassLoader.loadClass}. */
    private static boolean inClassLoading(RecordedEvent e) {
        return e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals("java.lang.ClassLoader")
                        && f.getMethod().getName().equals("loadClass"));
    }

    static boolean virtualThreadsUnpinnedBySynchronized() {
        return Runtime.version().feature() >= 24;
    }

    @Test
    void tenThousandVirtualThreadsSendAndListWithoutPinningOrDeadlock() throws Exception {
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).build();
        Path jfrFile = Files.createTempFile("virtual-threads", ".jfr");
        try (PoolseDevServer server = PoolseDevServer.start(config);
                Poolse chat = Fixtures.client(server, "alice", b -> { });
                Recording jfr = new Recording()) {
            UUID conversationId = Fixtures.groupConversation(chat, List.of("bob"));
            ConversationMessages messages = chat.conversations().one(conversationId).messages();
            // Warm up both calls' classes on a platform thread: the measurement is of steady state.
            messages.send(new MessageCreateRequest().body("warm-up"));
            messages.list(MessageQuery.newest(1));

            jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            jfr.start();

            Set<String> carriers = ConcurrentHashMap.newKeySet();
            AtomicInteger maxCarriers = new AtomicInteger();
            // Sampled on a fixed-rate schedule (a platform thread, so it is never one of the carriers).
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "carrier-sampler");
                t.setDaemon(true); // a failed run must not keep the test JVM alive
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                long now = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                        .peek(t -> carriers.add(t.getName()))
                        .count();
                maxCarriers.accumulateAndGet((int) now, Math::max);
            }, 0, 20, TimeUnit.MILLISECONDS);

            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger listed = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            ExecutorService virtualThreads = (ExecutorService) Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            for (int i = 0; i < THREADS; i++) {
                String body = "virtual-" + i;
                virtualThreads.execute(() -> {
                    try {
                        inFlight.acquire();
                        try {
                            Message m = messages.send(new MessageCreateRequest().body(body));
                            if (body.equals(m.getBody())) {
                                sent.incrementAndGet();
                            }
                            MessageList page = messages.list(MessageQuery.newest(20));
                            if (!page.getData().isEmpty()) {
                                listed.incrementAndGet();
                            }
                        } finally {
                            inFlight.release();
                        }
                    } catch (Throwable e) {
                        if (failures.size() < 5) {
                            failures.add(body + ": " + e);
                        }
                    }
                });
            }
            virtualThreads.shutdown();
            boolean finished = virtualThreads.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            sampler.shutdownNow();
            String dump = finished ? "" : threadDump();
            virtualThreads.shutdownNow();
            jfr.stop();
            jfr.dump(jfrFile);
            List<RecordedEvent> allPinned = RecordingFile.readAllEvents(jfrFile).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                    .toList();
            // Loading a class still pins on current JDKs (the class loader's native frames cannot
            // be unmounted); a class Jackson loads lazily on a rare path can do that even after the
            // warm-up. That is the JDK's limit, not a lock of ours: counted and printed, not failed.
            List<RecordedEvent> pinned = allPinned.stream().filter(e -> !inClassLoading(e)).toList();

            System.out.printf("virtual threads: %,d threads, %,d sends, %,d lists in %,d ms; "
                            + "%d carrier threads at most (%d seen), %d pinned events (%d more while the JDK "
                            + "loaded a class), JDK %s%n",
                    THREADS, sent.get(), listed.get(), millis, maxCarriers.get(), carriers.size(),
                    pinned.size(), allPinned.size() - pinned.size(), Runtime.version());

            assertThat(finished).as("all virtual threads finished within %s (no deadlock)%s", DEADLINE, dump).isTrue();
            assertThat(failures).as("calls that failed").isEmpty();
            assertThat(sent.get()).isEqualTo(THREADS);
            assertThat(listed.get()).isEqualTo(THREADS);
            assertThat(server.counters().messagesStored(conversationId)).as("stored, with the warm-up message")
                    .isEqualTo(THREADS + 1);
            assertThat(pinned).as("jdk.VirtualThreadPinned events: %s", pinned.stream().limit(3).toList()).isEmpty();
            // The default scheduler runs one carrier per core and adds one only to make up for a
            // carrier blocked in the JDK (up to 256); blocking SDK calls must not need that.
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(maxCarriers.get()).as("carrier threads alive at once").isLessThanOrEqualTo(cores + 4);
        } finally {
            Files.deleteIfExists(jfrFile);
        }
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder("\nplatform threads:\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            out.append(info);
        }
        return out.toString();
    }
}
