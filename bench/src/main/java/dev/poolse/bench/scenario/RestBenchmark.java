package dev.poolse.bench.scenario;

import dev.poolse.bench.Benchmark;
import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.ClosedLoop;
import dev.poolse.bench.harness.Figure;
import dev.poolse.bench.harness.LoadResult;
import dev.poolse.bench.harness.ResultTable;
import dev.poolse.bench.harness.Target;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import java.util.List;
import java.util.UUID;

/**
 * Message send and message list through the SDK against the same requests made with plain
 * {@link java.net.http.HttpClient}, at each concurrency level: throughput, p50 and p99 latency, and their ratios.
 *
 * <p>Both clients talk to the same server and conversation; each point warms up before its window. The raw client
 * runs first at every point, so neither side always enjoys a warmer server.
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
                    ClosedLoop loop = new ClosedLoop(concurrency, options.warmUp(), options.window(), 5_000_000);
                    LoadResult rawSend = loop.run("bench-raw-send",
                            (w, i) -> raw.sendMessage(conversation, "raw " + w + "/" + i));
                    LoadResult sdkSend = loop.run("bench-sdk-send",
                            (w, i) -> messages.send(new MessageCreateRequest().body("sdk " + w + "/" + i)));
                    report(table, "send", concurrency, sdkSend, rawSend, "msg/s");
                    LoadResult rawList = loop.run("bench-raw-list", (w, i) -> raw.listMessages(conversation, PAGE));
                    LoadResult sdkList = loop.run("bench-sdk-list",
                            (w, i) -> messages.list(MessageQuery.newest(PAGE)));
                    report(table, "list " + PAGE, concurrency, sdkList, rawList, "req/s");
                }
            }
        }
    }

    private static void report(ResultTable table, String op, int concurrency, LoadResult sdk, LoadResult raw,
                               String rateUnit) {
        String label = op + ", c=" + concurrency;
        String note = errors(sdk, raw);
        Target latencyTarget = concurrency == TARGET_CONCURRENCY ? Target.ratioAtMost(1.10) : null;
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
