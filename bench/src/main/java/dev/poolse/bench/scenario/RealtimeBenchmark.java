package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.LatencySamples;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.harness.ThreadCpu;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.sdk.Poolse;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code message:new} events delivered to an SDK listener against a raw Netty WebSocket client counting the same
 * frames: both are joined to one conversation as the same user at the same time, a burst of messages is sent over
 * REST, and each side's delivery rate and send-to-listener latency are computed from per-message timestamps.
 *
 * <p>Both sides see exactly the same frames from the same server, so the server's pace bounds both equally; the
 * ratio shows what the SDK's decoding and its hop off the I/O thread cost on top of reading the frame.
 */
public final class RealtimeBenchmark implements Benchmark {

    private static final String SECTION = "realtime";
    private static final int SENDERS = 8;

    /** Creates the benchmark. */
    public RealtimeBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        try (Fixture fixture = Fixture.start(false)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            RawRestClient alice = fixture.raw("alice");
            int messages = options.realtimeMessages();
            Arrivals sdk = new Arrivals(messages);
            Arrivals raw = new Arrivals(messages);

            RawPhoenixSocket socket = fixture.rawSocket("bob", (topic, event, payload, at) -> {
                if ("message:new".equals(event)) {
                    raw.arrived(payload.path("body").asText(), at);
                }
            });
            socket.join("conversation:" + conversation).get(30, TimeUnit.SECONDS);

            String bobToken = fixture.token("bob");
            try (Poolse chat = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> bobToken).build()) {
                chat.realtime().conversation(conversation)
                        .onMessage(message -> sdk.arrived(message.getBody(), System.nanoTime()));

                // Warm up until the SDK channel is joined and both paths are compiled; bounded in count and time.
                long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((sdk.warm.sum() == 0 || raw.warm.sum() == 0) && System.nanoTime() < warmDeadline) {
                    alice.sendMessage(conversation, "warm");
                    Thread.sleep(20);
                }
                // Count the burst alone: single sends made before the SDK's join reply may never reach it.
                sdk.warm.reset();
                raw.warm.reset();
                int warmBurst = Math.max(200, messages / 10);
                long warmSent = Burst.send(alice, conversation, warmBurst, SENDERS, i -> "warm",
                        new long[warmBurst], System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                DevServerBenchmark.awaitCount(sdk.warm, warmSent, 30);
                DevServerBenchmark.awaitCount(raw.warm, warmSent, 30);

                long[] started = new long[messages];
                ThreadCpu.Snapshot cpuBefore = ThreadCpu.snapshot();
                long t0 = System.nanoTime();
                long expected = Burst.send(alice, conversation, messages, SENDERS, i -> "rt " + i, started,
                        t0 + TimeUnit.SECONDS.toNanos(120));
                long sendEnd = System.nanoTime();
                boolean sdkComplete = DevServerBenchmark.awaitCount(sdk.count, expected, 60);
                boolean rawComplete = DevServerBenchmark.awaitCount(raw.count, expected, 60);
                ThreadCpu.Snapshot cpuAfter = ThreadCpu.snapshot();
                // Both clients read the same burst at the same time, each on its own threads: the SDK's are named
                // poolse-*, the raw client's bench-raw-*; the REST senders and the server count for neither.
                ThreadCpu.Usage sdkCpu = ThreadCpu.between(cpuBefore, cpuAfter, ThreadCpu.SDK);
                ThreadCpu.Usage rawCpu = ThreadCpu.between(cpuBefore, cpuAfter, ThreadCpu.RAW);
                if (options.verbose()) {
                    System.err.println("[poolse-bench] realtime: client CPU counted on sdk threads "
                            + sdkCpu.describeThreads() + "; raw threads " + rawCpu.describeThreads());
                }

                String note = String.format("%,d messages from %d REST senders at %.0f msg/s; received sdk %,d%s, "
                                + "raw %,d%s", messages, SENDERS, expected * 1e9 / (sendEnd - t0), sdk.count.sum(),
                        sdkComplete ? "" : " (INCOMPLETE)", raw.count.sum(), rawComplete ? "" : " (INCOMPLETE)");
                table.addWithCpu(SECTION, "message:new delivered to listener",
                        Figure.of(sdk.rate(t0), "events/s"), "raw Netty client",
                        Figure.of(raw.rate(t0), "events/s"), Target.ratioAtLeast(0.90), note
                                + "; CPU per event over the burst, after a warm-up burst of "
                                + String.format("%,d", warmBurst) + " messages (JIT warm-up: the run's JVM warm-up)",
                        Figure.of(sdkCpu.microsPer(sdk.count.sum()), "µs"),
                        Figure.of(rawCpu.microsPer(raw.count.sum()), "µs"));
                LatencySamples sdkLatency = sdk.latencies(started);
                LatencySamples rawLatency = raw.latencies(started);
                table.addCompared(SECTION, "REST send -> listener p50",
                        Figure.of(sdkLatency.percentileNanos(0.50) / 1e6, "ms"), "raw Netty client",
                        Figure.of(rawLatency.percentileNanos(0.50) / 1e6, "ms"), null, "");
                table.addCompared(SECTION, "REST send -> listener p99",
                        Figure.of(sdkLatency.percentileNanos(0.99) / 1e6, "ms"), "raw Netty client",
                        Figure.of(rawLatency.percentileNanos(0.99) / 1e6, "ms"), null, "");
            }
        }
    }

    /** Arrival times by message index, written from the receiving thread and read once the burst is over. */
    private static final class Arrivals {
        final long[] at;
        final LongAdder count = new LongAdder();
        final LongAdder warm = new LongAdder();
        final AtomicLong last = new AtomicLong();

        Arrivals(int messages) {
            at = new long[messages];
        }

        void arrived(String body, long nanos) {
            if (body == null) {
                return;
            }
            if (body.startsWith("rt ")) {
                int i = Integer.parseInt(body, 3, body.length(), 10);
                if (i < at.length && at[i] == 0) {
                    at[i] = nanos;
                    count.increment();
                    last.accumulateAndGet(nanos, Math::max);
                }
            } else if (body.equals("warm")) {
                warm.increment();
            }
        }

        double rate(long t0) {
            long end = last.get();
            return end <= t0 ? Double.NaN : count.sum() * 1e9 / (end - t0);
        }

        LatencySamples latencies(long[] started) {
            LatencySamples samples = new LatencySamples(at.length);
            for (int i = 0; i < at.length; i++) {
                if (at[i] != 0 && started[i] != 0 && at[i] >= started[i]) {
                    samples.record(at[i] - started[i]);
                }
            }
            return samples;
        }
    }
}
