package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.HeapProbe;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.harness.ThreadCpu;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What many channels and many clients cost: one socket joined to thousands of conversations (join time and retained
 * heap per channel), and many {@code Poolse} clients with open sockets in one JVM (retained heap per client and
 * threads).
 *
 * <p>The dev server runs in the same JVM, so every heap delta holds the server's share too. Each SDK figure is
 * therefore taken beside the raw client doing the same joins or connections, which keeps nothing per topic or
 * socket beyond Netty's own; the difference of the two is the SDK's share, which the target applies to.
 */
public final class ScaleBenchmark implements Benchmark {

    private static final String SECTION = "scale";
    private static final long JOIN_TIMEOUT_SECONDS = 300;

    /** Creates the benchmark. */
    public ScaleBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        // Clients first: their heap figures are the more sensitive to what an earlier phase leaves behind.
        try (Fixture fixture = Fixture.start(false)) {
            clients(options, fixture, table);
        }
        try (Fixture fixture = Fixture.start(false)) {
            channels(options, fixture, table);
        }
    }

    private static void channels(BenchOptions options, Fixture fixture, ResultTable table) throws Exception {
        int n = options.channels();
        List<UUID> conversations = createConversations(fixture, "scale", n);
        List<String> topics = new ArrayList<>(n);
        for (UUID id : conversations) {
            topics.add("conversation:" + id);
        }

        // Raw baseline first: the server's share plus a client that keeps nothing per topic.
        RawPhoenixSocket raw = fixture.rawSocket("scale", (topic, event, payload, at) -> { });
        raw.join(topics.get(0)).get(30, TimeUnit.SECONDS);
        long rawBefore = HeapProbe.settledAfterGc();
        ThreadCpu.Snapshot rawCpuBefore = ThreadCpu.snapshot();
        long t0 = System.nanoTime();
        List<CompletableFuture<?>> joins = new ArrayList<>(n);
        for (int i = 1; i < n; i++) {
            joins.add(raw.join(topics.get(i)));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long rawJoinNanos = System.nanoTime() - t0;
        ThreadCpu.Usage rawCpu = ThreadCpu.between(rawCpuBefore, ThreadCpu.snapshot(), ThreadCpu.CLIENT);
        long rawAfter = HeapProbe.usedAfterGc();
        raw.close();
        joins.clear();
        awaitSockets(fixture, 0);

        String token = fixture.token("scale");
        double sdkJoinNanos;
        long sdkBefore;
        long sdkAfter;
        long sdkSteady;
        long restCalls;
        double drainNanos;
        int joined;
        ThreadCpu.Usage sdkCpu;
        ThreadCpu.Usage sdkJoinCpu;
        try (Poolse chat = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token).build()) {
            ConversationChannel first = chat.realtime().conversation(conversations.get(0));
            first.onMessage(m -> { });
            awaitJoined(List.of(first), 30);
            awaitQuietServer(fixture);
            sdkBefore = HeapProbe.settledAfterGc();
            long requestsBefore = fixture.server().counters().requests();
            ThreadCpu.Snapshot sdkCpuBefore = ThreadCpu.snapshot();
            long t1 = System.nanoTime();
            List<ConversationChannel> channels = new ArrayList<>(n);
            for (int i = 1; i < n; i++) {
                ConversationChannel ch = chat.realtime().conversation(conversations.get(i));
                // A real application listens on what it joins; one listener per channel is part of the cost.
                ch.onMessage(m -> { });
                channels.add(ch);
            }
            joined = awaitJoined(channels, JOIN_TIMEOUT_SECONDS);
            sdkJoinNanos = System.nanoTime() - t1;
            sdkJoinCpu = ThreadCpu.between(sdkCpuBefore, ThreadCpu.snapshot(), ThreadCpu.CLIENT);
            sdkAfter = HeapProbe.usedAfterGc();
            // Joining may start REST work (a catch-up page per channel) that outlives the join replies; what a
            // channel costs for good is read once that work has drained.
            awaitQuietServer(fixture);
            drainNanos = System.nanoTime() - t1;
            // Up to here: the joins and whatever REST work they started, on every client-side thread.
            sdkCpu = ThreadCpu.between(sdkCpuBefore, ThreadCpu.snapshot(), ThreadCpu.CLIENT);
            restCalls = fixture.server().counters().requests() - requestsBefore;
            sdkSteady = HeapProbe.settledAfterGc();
        }
        int extra = n - 1;
        String note = String.format("%,d conversations; sdk joined %,d of %,d; client CPU per channel over the joins "
                + "and the REST work they started (%s µs until the last join reply); the raw client pipelines its "
                + "joins from one thread", n, joined, extra, Figure.formatNumber(sdkJoinCpu.microsPer(extra)));
        if (options.verbose()) {
            System.err.println("[poolse-bench] scale joins: client CPU counted on sdk side "
                    + sdkCpu.describeThreads() + "; raw side " + rawCpu.describeThreads());
        }
        String joinMetric = "join " + String.format("%,d", extra) + " channels on one socket";
        table.addWithCpu(SECTION, joinMetric, Figure.of(sdkJoinNanos / 1e6, "ms"), "raw Netty client",
                Figure.of(rawJoinNanos / 1e6, "ms"), null, note, Figure.of(sdkCpu.microsPer(extra), "µs"),
                Figure.of(rawCpu.microsPer(extra), "µs"));
        String atScale = n >= 10_000 ? "" : String.format("measured at %,d channels; the target is for 10,000", n);
        table.addTarget("scale " + joinMetric + ", time vs raw", Figure.of(sdkJoinNanos / 1e6, "ms"),
                "raw Netty client", Figure.of(rawJoinNanos / 1e6, "ms"), Target.ratioAtMost(1.5), atScale);
        table.addTarget("scale REST calls while joining (O(1))", Figure.of(restCalls, "calls"), "", null,
                Target.valueAtMost(10, "calls"), atScale);
        table.add(SECTION, "REST calls made while joining " + String.format("%,d", extra) + " channels",
                Figure.of(restCalls, "calls"), null, String.format("all drained %,.0f ms after the first join",
                        drainNanos / 1e6));
        double atJoin = (sdkAfter - sdkBefore) / (double) extra / 1024;
        double steady = (sdkSteady - sdkBefore) / (double) extra / 1024;
        double rawPer = (rawAfter - rawBefore) / (double) extra / 1024;
        table.addCompared(SECTION, "heap per channel, client + in-process server", Figure.of(steady, "KB"),
                "raw Netty client", Figure.of(rawPer, "KB"), null,
                String.format("retained heap after GC once REST work drained; %s KB right after the last join",
                        Figure.formatNumber(atJoin)));
        table.addTarget("scale heap per channel, SDK share", Figure.of(steady - rawPer, "KB"), "", null,
                Target.valueAtMost(1.5, "KB"), atScale);
        table.add(SECTION, "heap per channel, SDK share", Figure.of(steady - rawPer, "KB"),
                Target.valueAtMost(1.5, "KB"), String.format("difference of the row above; %s KB right after the last "
                        + "join, while its REST work was in flight", Figure.formatNumber(atJoin - rawPer)));
    }

    private static void clients(BenchOptions options, Fixture fixture, ResultTable table) throws Exception {
        int n = options.clients();
        List<String> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tokens.add(fixture.token("client-" + i));
        }
        // Warm both paths once so class loading and shared pools are not charged to the measured clients.
        try (Poolse warm = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> tokens.get(0)).build()) {
            warm.realtime().connect();
            awaitStatus(List.of(warm), 30);
        }
        fixture.rawSocket("client-0", (topic, event, payload, at) -> { }).close();
        awaitSockets(fixture, 0);

        long rawBefore = HeapProbe.settledAfterGc();
        List<RawPhoenixSocket> raws = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            raws.add(fixture.rawSocket("client-" + i, (topic, event, payload, at) -> { }));
        }
        awaitSockets(fixture, n);
        long rawAfter = HeapProbe.usedAfterGc();
        raws.forEach(RawPhoenixSocket::close);
        awaitSockets(fixture, 0);

        int threadsBefore = HeapProbe.liveThreads();
        var namesBefore = HeapProbe.threadsByPrefix();
        long sdkBefore = HeapProbe.settledAfterGc();
        List<Poolse> clients = new ArrayList<>(n);
        long t0 = System.nanoTime();
        long sdkAfter;
        int sdkThreads;
        String sdkThreadNames;
        int connected;
        double connectNanos;
        try {
            for (int i = 0; i < n; i++) {
                String token = tokens.get(i);
                Poolse chat = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token).build();
                clients.add(chat);
                chat.realtime().connect();
            }
            connected = awaitStatus(clients, 120);
            connectNanos = System.nanoTime() - t0;
            sdkAfter = HeapProbe.usedAfterGc();
            var namesAfter = HeapProbe.threadsByPrefix();
            sdkThreads = HeapProbe.threadsAdded(namesBefore, namesAfter);
            sdkThreadNames = HeapProbe.threadDelta(namesBefore, namesAfter);
        } finally {
            clients.forEach(Poolse::close);
        }
        awaitSockets(fixture, 0);
        int threadsLeft = HeapProbe.liveThreads() - threadsBefore;
        // The SDK's shared pools let idle threads go after their keep-alive; wait that out (bounded) to see
        // whether closing every client really leaves nothing behind.
        long lingerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.quick() ? 5 : 40);
        while (HeapProbe.liveThreads() > threadsBefore && System.nanoTime() < lingerDeadline) {
            Thread.sleep(100);
        }
        int threadsLater = HeapProbe.liveThreads() - threadsBefore;

        String params = String.format("%,d clients, each its own user and socket; %,d connected", n, connected);
        table.add(SECTION, "connect " + String.format("%,d", n) + " clients", Figure.of(connectNanos / 1e6, "ms"),
                null, params);
        double sdkPer = (sdkAfter - sdkBefore) / (double) n / 1024;
        double rawPer = (rawAfter - rawBefore) / (double) n / 1024;
        table.addCompared(SECTION, "heap per client, client + in-process server", Figure.of(sdkPer, "KB"),
                "raw Netty socket", Figure.of(rawPer, "KB"), null, "retained heap after GC");
        table.add(SECTION, "heap per client, SDK share", Figure.of(sdkPer - rawPer, "KB"), null,
                "difference of the two rows above");
        table.add(SECTION, "threads added by " + String.format("%,d", n) + " clients",
                Figure.of(sdkThreads, "threads"), null,
                "goal: no thread per client; " + sdkThreadNames);
        table.add(SECTION, "threads left after closing every client", Figure.of(Math.max(0, threadsLeft), "threads"),
                null, String.format("%d left %d s later (idle shared pools exit after their keep-alive)",
                        Math.max(0, threadsLater), options.quick() ? 5 : 40));
    }

    private static List<UUID> createConversations(Fixture fixture, String member, int n) throws Exception {
        RawRestClient creator = fixture.raw(member);
        UUID[] ids = new UUID[n];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        ids[i] = creator.createConversation(new ConversationCreateRequest()
                                .type(ConversationType.GROUP).name("scale " + i)).getId();
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        return;
                    }
                }
            }, "bench-create-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(JOIN_TIMEOUT_SECONDS));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("creating conversations failed", failures.get(0));
        }
        return List.of(ids);
    }

    private static int awaitJoined(List<ConversationChannel> channels, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int joined = 0;
        for (ConversationChannel ch : channels) {
            while (ch.state() != ChannelState.JOINED && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (ch.state() == ChannelState.JOINED) {
                joined++;
            }
        }
        return joined;
    }

    private static int awaitStatus(List<Poolse> clients, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int connected = 0;
        for (Poolse chat : clients) {
            while (chat.realtime().status() != RealtimeStatus.CONNECTED && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (chat.realtime().status() == RealtimeStatus.CONNECTED) {
                connected++;
            }
        }
        return connected;
    }

    /** Waits (at most two minutes) until the server has seen no HTTP request for a full second. */
    private static void awaitQuietServer(Fixture fixture) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long last = fixture.server().counters().requests();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 1_000_000_000L) {
            Thread.sleep(50);
            long now = fixture.server().counters().requests();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static void awaitSockets(Fixture fixture, int open) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fixture.server().counters().socketsOpen() != open && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
