package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.harness.ThreadCpu;
import dev.poolse.bench.harness.WindowEvent;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.bench.stub.PhoenixBlaster;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ConversationChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The client-bound realtime benchmark: a stub Phoenix server on loopback ({@link PhoenixBlaster}) sends one
 * conversation's events as fast as the client reads them, so the client, not a server, sets the pace. It measures
 * events delivered per second and client CPU time per event for the SDK, with a typed listener on each event of the
 * mix counting deliveries, and for a raw Netty WebSocket client that decodes each frame with Jackson into the same
 * typed events and counts them.
 *
 * <p>Each side gets its own connection, one after the other, in alternating rounds; each round first lets as many
 * events go by as it then measures, so the JIT has compiled the path before the window opens. The CPU time counted
 * is that of the side's own threads: the SDK's {@code poolse-*} threads, or the raw client's event loop; the stub
 * server's threads are left out.
 */
public final class BlastBenchmark implements Benchmark {

    private static final String SECTION = "blast";
    /** The TypeScript SDK's client CPU per event on the same kind of stream, from the issue. */
    private static final double TYPESCRIPT_MICROS_PER_EVENT = 53;
    private static final long PHASE_TIMEOUT_SECONDS = 120;

    /** Creates the benchmark. */
    public BlastBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    /** What one side measured over its rounds. */
    private static final class Side {
        long events;
        long wallNanos;
        ThreadCpu.Usage cpu = ThreadCpu.Usage.NONE;
        final LongAdder messages = new LongAdder();
        final LongAdder reactions = new LongAdder();
        final LongAdder typing = new LongAdder();
        final LongAdder presence = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicReference<Object> firstError = new AtomicReference<>();

        long delivered() {
            return messages.sum() + reactions.sum() + typing.sum() + presence.sum();
        }

        double eventsPerSecond() {
            return wallNanos <= 0 ? Double.NaN : events * 1e9 / wallNanos;
        }

        double cpuMicrosPerEvent() {
            return cpu.microsPer(events);
        }

        String mix() {
            return String.format("%,d message:new, %,d reaction:added, %,d typing:start, %,d presence_diff",
                    messages.sum(), reactions.sum(), typing.sum(), presence.sum());
        }
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        int rounds = options.quick() ? 1 : 2;
        long measured = options.blastEvents();
        UUID conversation = UUID.fromString("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        Side sdk = new Side();
        Side raw = new Side();
        Side direct = new Side();
        long rest;
        long joins;
        try (PhoenixBlaster blaster = PhoenixBlaster.start()) {
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    runRaw(blaster, conversation, measured, raw, options.verbose());
                    runSdk(blaster, conversation, measured, sdk, options.verbose(), false);
                } else {
                    runSdk(blaster, conversation, measured, sdk, options.verbose(), false);
                    runRaw(blaster, conversation, measured, raw, options.verbose());
                }
            }
            // Diagnostic: listeners run on the I/O thread, so the difference to the row above is the hop.
            runSdk(blaster, conversation, measured, direct, options.verbose(), true);
            rest = blaster.restAttempts();
            joins = blaster.joins();
        }
        String params = String.format("%d round(s) per side of %,d measured events, each after %,d events of "
                + "warm-up; mix per 10 frames: 4 message:new, 2 reaction:added, 2 typing:start, 2 presence_diff",
                rounds, measured, measured);
        String health = String.format("stub saw %d joins and %d REST attempts; SDK errors reported: %d%s", joins, rest,
                sdk.errors.sum(), sdk.firstError.get() == null ? "" : " (first: " + sdk.firstError.get() + ")");
        table.addWithCpu(SECTION, "events delivered to typed listeners", Figure.of(sdk.eventsPerSecond(), "events/s"),
                "raw Netty + Jackson", Figure.of(raw.eventsPerSecond(), "events/s"), null, params,
                Figure.of(sdk.cpuMicrosPerEvent(), "µs"), Figure.of(raw.cpuMicrosPerEvent(), "µs"));
        table.addCompared(SECTION, "events per core-second", Figure.of(1e6 / sdk.cpuMicrosPerEvent(), "events"),
                "raw Netty + Jackson", Figure.of(1e6 / raw.cpuMicrosPerEvent(), "events"), null,
                "events per second of client CPU time: the client's ceiling if it had a core to itself");
        table.addWithCpu(SECTION, "same, SDK with realtime callbackExecutor(Runnable::run)",
                Figure.of(direct.eventsPerSecond(), "events/s"), "raw Netty + Jackson",
                Figure.of(raw.eventsPerSecond(), "events/s"), null,
                "diagnostic, one round: listeners on the SDK's I/O thread, no hop to the callback pool; "
                        + direct.errors.sum() + " errors",
                Figure.of(direct.cpuMicrosPerEvent(), "µs"), Figure.of(raw.cpuMicrosPerEvent(), "µs"));
        table.add(SECTION, "REST calls and errors during the blast", Figure.of(rest + sdk.errors.sum(), "calls+errors"),
                null, health + "; delivered to the SDK's listeners: " + sdk.mix());
        table.addTarget("blast SDK CPU per event vs raw", Figure.of(sdk.cpuMicrosPerEvent(), "µs"),
                "raw Netty + Jackson", Figure.of(raw.cpuMicrosPerEvent(), "µs"), Target.ratioAtMost(1.3), "");
        table.addTarget("blast SDK CPU per event", Figure.of(sdk.cpuMicrosPerEvent(), "µs"), "", null,
                Target.valueAtMost(18, "µs"), "TypeScript SDK: " + Figure.formatNumber(TYPESCRIPT_MICROS_PER_EVENT)
                        + " µs; aim: a third");
    }

    private static void runSdk(PhoenixBlaster blaster, UUID conversation, long measured, Side side, boolean verbose,
                               boolean onIoThread) throws Exception {
        Poolse.Builder builder = Poolse.builder()
                .apiUrl(blaster.apiUrl().toString())
                .tokenProvider(() -> "bench-token")
                .onSocketError(error -> {
                    side.errors.increment();
                    side.firstError.compareAndSet(null, error);
                });
        if (onIoThread) {
            builder.realtime(r -> r.callbackExecutor(Runnable::run));
        }
        try (Poolse chat = builder.build()) {
            ConversationChannel channel = chat.realtime().conversation(conversation);
            channel.onMessage(m -> side.messages.increment());
            channel.onReactionAdded(r -> side.reactions.increment());
            channel.onTypingStart(t -> side.typing.increment());
            channel.onPresenceDiff(d -> side.presence.increment());
            channel.onError(e -> {
                side.errors.increment();
                side.firstError.compareAndSet(null, e);
            });
            measure(onIoThread ? "blast sdk direct" : "blast sdk", side, measured, ThreadCpu.SDK, verbose);
        }
    }

    private static void runRaw(PhoenixBlaster blaster, UUID conversation, long measured, Side side, boolean verbose)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(ThreadCpu.RAW_PREFIX + "blast", true), NioIoHandler.newFactory());
        try {
            RawPhoenixSocket socket = RawPhoenixSocket.connectTyped(group, blaster.socketEndpoint(), "bench-token",
                    (topic, event, value) -> {
                        if (value == null) {
                            return;
                        }
                        switch (event) {
                            case "message:new" -> side.messages.increment();
                            case "reaction:added" -> side.reactions.increment();
                            case "typing:start" -> side.typing.increment();
                            case "presence_diff" -> side.presence.increment();
                            default -> {
                            }
                        }
                    }).get(30, TimeUnit.SECONDS);
            try {
                socket.join("conversation:" + conversation).get(30, TimeUnit.SECONDS);
                measure("blast raw", side, measured, ThreadCpu.RAW, verbose);
            } finally {
                socket.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Lets {@code measured} events go by as warm-up, then measures the next {@code measured}. */
    private static void measure(String name, Side side, long measured, Predicate<String> counted, boolean verbose)
            throws InterruptedException {
        long start = side.delivered();
        if (!awaitDelivered(side, start + measured)) {
            throw new IllegalStateException(name + ": only " + (side.delivered() - start) + " of " + measured
                    + " warm-up events arrived in " + PHASE_TIMEOUT_SECONDS + " s");
        }
        WindowEvent window = new WindowEvent(name);
        window.begin();
        ThreadCpu.Snapshot before = ThreadCpu.snapshot();
        long first = side.delivered();
        boolean complete = awaitDelivered(side, first + measured);
        ThreadCpu.Snapshot after = ThreadCpu.snapshot();
        long last = side.delivered();
        window.commit();
        if (!complete) {
            throw new IllegalStateException(name + ": only " + (last - first) + " of " + measured
                    + " events arrived in " + PHASE_TIMEOUT_SECONDS + " s");
        }
        ThreadCpu.Usage usage = ThreadCpu.between(before, after, counted);
        side.events += last - first;
        side.wallNanos += after.wallNanos() - before.wallNanos();
        side.cpu = side.cpu.plus(usage);
        if (verbose) {
            System.err.println("[poolse-bench] " + name + ": client CPU counted on " + usage.describeThreads());
        }
    }

    private static boolean awaitDelivered(Side side, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_TIMEOUT_SECONDS);
        while (side.delivered() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
