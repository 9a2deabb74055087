package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.ClosedLoop;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.LoadResult;
import dev.poolse.bench.harness.PairedRuns;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Message send and message list through the SDK against the same requests made with plain
 * {@link java.net.http.HttpClient}, at each concurrency level, in the blocking form and (at concurrency 1 and 16) the
 * {@code …Async} form joined by the calling thread: throughput, p50 and p99 latency, client CPU time per call, and
 * their ratios.
 *
 * <p>Both clients talk to the same server and conversation. At each point the two sides run in short alternating
 * rounds ({@link PairedRuns}), each round warmed up, so background load on a shared machine falls on both alike. The
 * client CPU time per call is summed over the client-side threads only ({@link dev.poolse.bench.harness.ThreadCpu});
 * the in-process dev server's threads are left out, which is what makes it a figure of the SDK's own cost.
 */
public final class RestBenchmark implements Benchmark {

    private static final String SECTION = "rest";
    private static final int PAGE = 50;
    /** The concurrency at which the latency and CPU targets apply. */
    private static final int TARGET_CONCURRENCY = 16;
    /** The TypeScript SDK's client CPU per send at concurrency 16, from the issue. */
    private static final double TYPESCRIPT_SEND_CPU_MICROS = 385;

    /** Creates the benchmark. */
    public RestBenchmark() {
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public void run(BenchOptions options, ResultTable table) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(table, "table");
        Map<String, LoadResult> sdk = new HashMap<>();
        Map<String, LoadResult> raws = new HashMap<>();
        int rounds = options.quick() ? 2 : 4;
        String warmNote = String.format("CPU over the measured windows, each after %d ms of warm-up (the run "
                + "began with a JVM warm-up of %d ms)", Math.max(200, options.warmUp().toMillis() / rounds),
                options.warmUp().toMillis() * 4);
        try (Fixture fixture = Fixture.start(false)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            String token = fixture.token("alice");
            RawRestClient raw = new RawRestClient(fixture.server().apiUrl(), token);
            for (int i = 0; i < PAGE * 2; i++) {
                raw.sendMessage(conversation, "seed " + i);
            }
            try (Poolse chat = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token).build()) {
                var messages = chat.conversations().one(conversation).messages();
                for (int concurrency : options.concurrencies()) {
                    run(options, table, rounds, concurrency, "send", "msg/s", sdk, raws, warmNote,
                            (w, i) -> messages.send(new MessageCreateRequest().body("sdk " + w + "/" + i)),
                            (w, i) -> raw.sendMessage(conversation, "raw " + w + "/" + i));
                    run(options, table, rounds, concurrency, "list " + PAGE, "req/s", sdk, raws, warmNote,
                            (w, i) -> messages.list(MessageQuery.newest(PAGE)),
                            (w, i) -> raw.listMessages(conversation, PAGE));
                    if (concurrency > TARGET_CONCURRENCY) {
                        continue; // the …Async forms are measured where their targets apply
                    }
                    run(options, table, rounds, concurrency, "sendAsync", "msg/s", sdk, raws, warmNote,
                            (w, i) -> messages.sendAsync(new MessageCreateRequest().body("sdk " + w + "/" + i))
                                    .join(),
                            (w, i) -> raw.sendMessageTypedAsync(conversation, "raw " + w + "/" + i).join());
                    run(options, table, rounds, concurrency, "listAsync " + PAGE, "req/s", sdk, raws, warmNote,
                            (w, i) -> messages.listAsync(MessageQuery.newest(PAGE)).join(),
                            (w, i) -> raw.listMessagesAsync(conversation, PAGE).join());
                }
            }
            // Diagnostic: the same SDK completing futures on the HTTP client's thread instead of handing each
            // completion to its callback pool, to show how much of the gap is that thread hop.
            try (Poolse direct = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token)
                    .callbackExecutor(Runnable::run).build()) {
                var messages = direct.conversations().one(conversation).messages();
                PairedRuns.Result send = PairedRuns.run(rounds, TARGET_CONCURRENCY, options.warmUp(),
                        options.window(), 5_000_000, "bench-direct-sendAsync",
                        (w, i) -> messages.sendAsync(new MessageCreateRequest().body("sdk " + w + "/" + i)).join(),
                        (w, i) -> raw.sendMessageTypedAsync(conversation, "raw " + w + "/" + i).join());
                report(table, "sendAsync, callbackExecutor(Runnable::run)", TARGET_CONCURRENCY, send, "msg/s",
                        rounds, false, warmNote, options.verbose());
            }
        }
        targets(table, sdk, raws);
    }

    private static void run(BenchOptions options, ResultTable table, int rounds, int concurrency, String op,
                            String unit, Map<String, LoadResult> sdk, Map<String, LoadResult> raws, String warmNote,
                            ClosedLoop.Operation subject, ClosedLoop.Operation baseline)
            throws InterruptedException {
        String name = "bench-" + op.replace(' ', '-') + "-c" + concurrency;
        PairedRuns.Result result = PairedRuns.run(rounds, concurrency, options.warmUp(), options.window(), 5_000_000,
                name, subject, baseline);
        report(table, op, concurrency, result, unit, rounds, true, warmNote, options.verbose());
        sdk.put(op + "@" + concurrency, result.subject());
        raws.put(op + "@" + concurrency, result.baseline());
    }

    private static void report(ResultTable table, String op, int concurrency, PairedRuns.Result result,
                               String rateUnit, int rounds, boolean targeted, String warmNote, boolean verbose) {
        LoadResult sdk = result.subject();
        LoadResult raw = result.baseline();
        String label = op + ", c=" + concurrency;
        String errors = errors(sdk, raw);
        String note = String.format("%,d sdk / %,d raw calls in %d alternating rounds; %s; not attributed to a "
                        + "thread (GC, VM, threads that ended): sdk %s, raw %s µs/op%s", sdk.operations(),
                raw.operations(), rounds, warmNote, unattributed(sdk), unattributed(raw),
                errors.isEmpty() ? "" : "; " + errors);
        Target latencyTarget = targeted && concurrency == TARGET_CONCURRENCY ? Target.ratioAtMost(1.10) : null;
        table.addWithCpu(SECTION, label + " throughput", Figure.of(sdk.throughputPerSecond(), rateUnit),
                "raw HttpClient", Figure.of(raw.throughputPerSecond(), rateUnit), null, note,
                Figure.of(sdk.cpuMicrosPerOp(), "µs"), Figure.of(raw.cpuMicrosPerOp(), "µs"));
        table.addCompared(SECTION, label + " p50", Figure.of(sdk.p50Millis(), "ms"), "raw HttpClient",
                Figure.of(raw.p50Millis(), "ms"), null, "");
        table.addCompared(SECTION, label + " p99", Figure.of(sdk.p99Millis(), "ms"), "raw HttpClient",
                Figure.of(raw.p99Millis(), "ms"), latencyTarget, "");
        if (verbose) {
            System.err.println("[poolse-bench] " + label + ": client CPU counted on sdk threads "
                    + sdk.cpu().describeThreads() + "; raw threads " + raw.cpu().describeThreads()
                    + "; threads started in the windows: sdk " + sdk.cpu().startedThreads() + ", raw "
                    + raw.cpu().startedThreads());
        }
    }

    private static String unattributed(LoadResult r) {
        return Figure.formatNumber(r.operations() <= 0 ? Double.NaN
                : r.cpu().unattributedNanos() / 1e3 / r.operations());
    }

    private static void targets(ResultTable table, Map<String, LoadResult> sdk, Map<String, LoadResult> raws) {
        String ts = "TypeScript SDK: " + Figure.formatNumber(TYPESCRIPT_SEND_CPU_MICROS) + " µs; aim: a third";
        for (String op : List.of("send", "sendAsync")) {
            LoadResult s = sdk.get(op + "@" + TARGET_CONCURRENCY);
            LoadResult r = raws.get(op + "@" + TARGET_CONCURRENCY);
            if (s != null) {
                table.addTarget("rest " + op + " c=16 client CPU per call", Figure.of(s.cpuMicrosPerOp(), "µs"),
                        "raw HttpClient", Figure.of(r.cpuMicrosPerOp(), "µs"),
                        Target.valueAtMost(TYPESCRIPT_SEND_CPU_MICROS / 3, "µs"), ts);
            }
        }
        for (String op : List.of("send", "list " + PAGE)) {
            LoadResult blocking = sdk.get(op + "@" + TARGET_CONCURRENCY);
            LoadResult async = sdk.get(op.replace("send", "sendAsync").replace("list", "listAsync") + "@"
                    + TARGET_CONCURRENCY);
            if (blocking != null && async != null) {
                table.addTarget("rest " + op + " c=16 …Async CPU per call vs blocking",
                        Figure.of(async.cpuMicrosPerOp(), "µs"), "SDK blocking",
                        Figure.of(blocking.cpuMicrosPerOp(), "µs"), Target.ratioAtMost(1.15),
                        "client threads only: misses the threads the JDK starts per async response");
                // The same with the CPU no live thread accounts for: it holds those threads' work (and GC).
                table.addTarget("rest " + op + " c=16 …Async CPU per call vs blocking, incl. not attributed",
                        Figure.of(async.cpuWithUnattributedMicrosPerOp(), "µs"), "SDK blocking",
                        Figure.of(blocking.cpuWithUnattributedMicrosPerOp(), "µs"), Target.ratioAtMost(1.15),
                        "client threads + process CPU of no live thread (GC, VM, threads that ended): an upper "
                                + "bound");
            }
            LoadResult blocking1 = sdk.get(op + "@1");
            LoadResult async1 = sdk.get(op.replace("send", "sendAsync").replace("list", "listAsync") + "@1");
            if (blocking1 != null && async1 != null) {
                table.addTarget("rest " + op + " c=1 …Async throughput vs blocking",
                        Figure.of(async1.throughputPerSecond(), "ops/s"), "SDK blocking",
                        Figure.of(blocking1.throughputPerSecond(), "ops/s"), Target.ratioAtLeast(1.0),
                        "wall clock: noisy on a shared machine");
            }
        }
        for (String op : List.of("send", "list " + PAGE, "sendAsync", "listAsync " + PAGE)) {
            LoadResult s = sdk.get(op + "@" + TARGET_CONCURRENCY);
            LoadResult r = raws.get(op + "@" + TARGET_CONCURRENCY);
            if (s != null && r != null) {
                table.addTarget("rest " + op + " c=16 p99", Figure.of(s.p99Millis(), "ms"), "raw HttpClient",
                        Figure.of(r.p99Millis(), "ms"), Target.ratioAtMost(1.10),
                        "wall clock: noisy on a shared machine");
            }
        }
    }

    private static String errors(LoadResult sdk, LoadResult raw) {
        if (sdk.errors() == 0 && raw.errors() == 0) {
            return "";
        }
        Throwable first = sdk.firstError() != null ? sdk.firstError() : raw.firstError();
        return "errors: sdk " + sdk.errors() + ", raw " + raw.errors() + "; first: " + first;
    }
}
