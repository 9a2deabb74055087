package dev.poolse.bench.scenario;

import dev.poolse.bench.BenchOptions;
import dev.poolse.bench.harness.ClosedLoop;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Exercises every code path the benchmarks measure (server, raw clients, SDK REST and realtime) for a while before
 * the first figure is taken, so the first family measured is not the one that pays for class loading and JIT
 * compilation. Each family still warms up its own paths before each window.
 */
public final class JvmWarmUp {

    private JvmWarmUp() {
    }

    /**
     * Runs the warm-up.
     *
     * @param options the run's parameters; the warm-up lasts four of its warm-up periods
     * @throws Exception when the dev server or a client cannot start
     */
    public static void run(BenchOptions options) throws Exception {
        if (options == null) {
            throw new NullPointerException("options");
        }
        try (Fixture fixture = Fixture.start(false)) {
            UUID conversation = fixture.createConversation("alice", List.of("bob"));
            String aliceToken = fixture.token("alice");
            String bobToken = fixture.token("bob");
            RawRestClient raw = new RawRestClient(fixture.server().apiUrl(), aliceToken);
            RawPhoenixSocket socket = fixture.rawSocket("bob", (topic, event, payload, at) -> { });
            socket.join("conversation:" + conversation).get(30, TimeUnit.SECONDS);
            try (Poolse alice = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> aliceToken).build();
                 Poolse bob = Poolse.builder().apiUrl(fixture.apiUrl()).tokenProvider(() -> bobToken).build()) {
                bob.realtime().conversation(conversation).onMessage(m -> { });
                var messages = alice.conversations().one(conversation).messages();
                new ClosedLoop(8, options.warmUp().multipliedBy(4), options.warmUp(), 1_000_000)
                        .run("bench-warm-up", (w, i) -> {
                            switch ((int) (i % 4)) {
                                case 0 -> raw.sendMessage(conversation, "warm");
                                case 1 -> raw.listMessages(conversation, 50);
                                case 2 -> messages.send(new MessageCreateRequest().body("warm"));
                                default -> messages.list(MessageQuery.newest(50));
                            }
                        });
            }
        }
    }
}
