package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.LoadResult;
import dev.poolse.bench.harness.PairedRuns;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Message send and message list through the SDK against the same requests made with plain
 * {@link java.net.http.HttpClient}, at each concurrency level: throughput, p50 and p99 latency, and their ratios.
 *
 * <p>Both clients talk to the same server and conversation. At each point the two sides run in short alternating
 * rounds ({@link PairedRuns}), each round warmed up, so background load on a shared machine falls on both alike.
 */
public final class RestBenchmark implements Benchmark {

    private static final String SECTION = "rest";
    private static final int PAGE = 50;
    /** The concurrency at which the latency target applies. */
    private static final int TARGET_CONCURRENCY = 16;

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
        try (Fixture fixture = Fixture.start(false)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            String token = fixture.token("alice");
            RawRestClient raw = new RawRestClient(fixture.server().apiUrl(), token);
            for (int i = 0; i < PAGE * 2; i++) {
                raw.sendMessage(conversation, "seed " + i);
            }
            try (Poolse chat = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token).build()) {
                var messages = chat.conversations().one(conversation).messages();
                int rounds = options.quick() ? 2 : 4;
                for (int concurrency : options.concurrencies()) {
                    PairedRuns.Result send = PairedRuns.run(rounds, concurrency, options.warmUp(), options.window(),
                            5_000_000, "bench-send",
                            (w, i) -> messages.send(new MessageCreateRequest().body("sdk " + w + "/" + i)),
                            (w, i) -> raw.sendMessage(conversation, "raw " + w + "/" + i));
                    report(table, "send", concurrency, send, "msg/s", rounds, true);
                    PairedRuns.Result list = PairedRuns.run(rounds, concurrency, options.warmUp(), options.window(),
                            5_000_000, "bench-list",
                            (w, i) -> messages.list(MessageQuery.newest(PAGE)),
                            (w, i) -> raw.listMessages(conversation, PAGE));
                    report(table, "list " + PAGE, concurrency, list, "req/s", rounds, true);
                }
            }
            // Diagnostic: the same SDK completing futures on the HTTP client's thread instead of handing each
            // completion to its callback pool, to show how much of the gap is that thread hop.
            try (Poolse direct = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> token)
                    .callbackExecutor(Runnable::run).build()) {
                var messages = direct.conversations().one(conversation).messages();
                int rounds = options.quick() ? 2 : 4;
                PairedRuns.Result send = PairedRuns.run(rounds, TARGET_CONCURRENCY, options.warmUp(),
                        options.window(), 5_000_000, "bench-direct-send",
                        (w, i) -> messages.send(new MessageCreateRequest().body("sdk " + w + "/" + i)),
                        (w, i) -> raw.sendMessage(conversation, "raw " + w + "/" + i));
                report(table, "send, callbackExecutor(Runnable::run)", TARGET_CONCURRENCY, send, "msg/s", rounds,
                        false);
            }
        }
    }

    private static void report(ResultTable table, String op, int concurrency, PairedRuns.Result result,
                               String rateUnit, int rounds, boolean targeted) {
        LoadResult sdk = result.subject();
        LoadResult raw = result.baseline();
        String label = op + ", c=" + concurrency;
        String errors = errors(sdk, raw);
        String note = String.format("%,d sdk / %,d raw calls in %d alternating rounds%s", sdk.operations(),
                raw.operations(), rounds, errors.isEmpty() ? "" : "; " + errors);
        Target latencyTarget = targeted && concurrency == TARGET_CONCURRENCY ? Target.ratioAtMost(1.10) : null;
        table.addCompared(SECTION, label + " throughput", Figure.of(sdk.throughputPerSecond(), rateUnit),
                "raw HttpClient", Figure.of(raw.throughputPerSecond(), rateUnit), null, note);
        table.addCompared(SECTION, label + " p50", Figure.of(sdk.p50Millis(), "ms"), "raw HttpClient",
                Figure.of(raw.p50Millis(), "ms"), latencyTarget, "");
        table.addCompared(SECTION, label + " p99", Figure.of(sdk.p99Millis(), "ms"), "raw HttpClient",
                Figure.of(raw.p99Millis(), "ms"), latencyTarget, "");
    }

    private static String errors(LoadResult sdk, LoadResult raw) {
        if (sdk.errors() == 0 && raw.errors() == 0) {
            return "";
        }
        Throwable first = sdk.firstError() != null ? sdk.firstError() : raw.firstError();
        return "errors: sdk " + sdk.errors() + ", raw " + raw.errors() + "; first: " + first;
    }
}
