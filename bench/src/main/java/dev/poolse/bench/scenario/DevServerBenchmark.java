package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.ClosedLoop;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.LoadResult;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.bench.raw.RawRestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The dev server's own capacity, measured with the raw clients only, so the SDK figures can be read knowing the
 * server is not what limits them: sustained message sends per second, and {@code message:new} events per second
 * fanned out to many sockets joined to one conversation.
 */
public final class DevServerBenchmark implements Benchmark {

    private static final String SECTION = "server";
    private static final int SEND_CONCURRENCY = 16;

    /** Creates the benchmark. */
    public DevServerBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        LoadResult plain;
        try (Fixture fixture = Fixture.start(false)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            RawRestClient alice = fixture.raw("alice");
            plain = sends(options, alice, conversation);
            table.add(SECTION, "sustained sends, " + SEND_CONCURRENCY + " concurrent",
                    Figure.of(plain.throughputPerSecond(), "msg/s"), null,
                    String.format("p50 %.2f ms, p99 %.2f ms, %d errors", plain.p50Millis(), plain.p99Millis(),
                            plain.errors()));
            fanOut(options, fixture, table);
        }
        try (Fixture fixture = Fixture.start(true)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            LoadResult validated = sends(options, fixture.raw("alice"), conversation);
            table.addCompared(SECTION, "sends with response validation on (server default)",
                    Figure.of(validated.throughputPerSecond(), "msg/s"), "validation off",
                    Figure.of(plain.throughputPerSecond(), "msg/s"), null,
                    "benchmarks run with validation off");
        }
    }

    private static LoadResult sends(BenchOptions options, RawRestClient client, UUID conversation)
            throws InterruptedException {
        return new ClosedLoop(SEND_CONCURRENCY, options.warmUp(), options.window(), 5_000_000)
                .run("bench-server-send", (w, i) -> client.sendMessage(conversation, "load " + w + "/" + i));
    }

    private static void fanOut(BenchOptions options, Fixture fixture, ResultTable table) throws Exception {
        int sockets = options.fanOutSockets();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            members.add("fan-" + i);
        }
        UUID conversation = fixture.createConversation("alice", members);
        String topic = "conversation:" + conversation;
        LongAdder received = new LongAdder();
        AtomicLong lastArrival = new AtomicLong();
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (String member : members) {
            RawPhoenixSocket socket = fixture.rawSocket(member, (t, event, payload, at) -> {
                if ("message:new".equals(event)) {
                    received.increment();
                    lastArrival.accumulateAndGet(at, Math::max);
                }
            });
            joins.add(socket.join(topic));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        RawRestClient alice = fixture.raw("alice");
        // Warm-up: a few hundred messages through the whole path, not counted.
        int warm = Math.max(100, options.realtimeMessages() / 20);
        long warmSent = Burst.send(alice, conversation, warm, 8, i -> "warm " + i, new long[warm],
                System.nanoTime() + options.warmUp().toNanos() * 5);
        awaitCount(received, warmSent * sockets, 30);
        received.reset();

        int messages = Math.max(200, options.realtimeMessages() / 5);
        long[] started = new long[messages];
        long t0 = System.nanoTime();
        long sent = Burst.send(alice, conversation, messages, 8, i -> "fan " + i, started,
                t0 + TimeUnit.SECONDS.toNanos(120));
        long sendEnd = System.nanoTime();
        long expected = sent * sockets;
        boolean complete = awaitCount(received, expected, 60);
        long elapsed = lastArrival.get() - t0;
        table.add(SECTION, "realtime fan-out to " + sockets + " sockets",
                Figure.of(received.sum() * 1e9 / elapsed, "events/s"), null,
                String.format("%,d messages, %,d of %,d events%s; sends %,.0f msg/s meanwhile", messages,
                        received.sum(), expected, complete ? "" : " (INCOMPLETE)",
                        sent * 1e9 / (sendEnd - t0)));
    }

    static boolean awaitCount(LongAdder counter, long expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (counter.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return counter.sum() >= expected;
    }
}
