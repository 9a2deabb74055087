package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two terminal chats ring each other: /call on one side shows the ring on the other, /answer
 * connects both, /hangup ends the call on both, and a declined call says so to the caller.
 */
class TerminalChatCallIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One running chat: what it printed, and a pipe to type lines into it. */
    private static final class Chat implements AutoCloseable {
        final ConsoleCapture out = new ConsoleCapture();
        final ConsoleCapture err = new ConsoleCapture();
        final PrintStream keys;
        final CompletableFuture<Integer> status;

        Chat(PoolseDevServer server, String me, String other) throws Exception {
            PipedOutputStream pipe = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(pipe);
            keys = new PrintStream(pipe, true, StandardCharsets.UTF_8);
            status = CompletableFuture.supplyAsync(() -> TerminalChat.run(new String[] {
                    "--as", me, "--with", other, "--server", server.apiUrl().toString(), "--api-key", server.apiKey()},
                    in, out.printStream(), err.printStream(), false));
            out.await("/hangup, /quit", WAIT);
        }

        void type(String line) {
            keys.print(line + "\n");
            keys.flush();
        }

        @Override
        public void close() throws Exception {
            type("/quit");
            assertThat(status.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(err.text()).isEmpty();
        }
    }

    @Test
    void answeredCallConnectsBothSidesAndHangingUpEndsItOnBoth() throws Exception {
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().port(0).build());
             Chat alice = new Chat(server, "alice", "bob");
             Chat bob = new Chat(server, "bob", "alice")) {
            alice.type("/call");
            alice.out.await("(calling bob… /hangup cancels)", WAIT);
            bob.out.await("(alice is calling: /answer or /hangup)", WAIT);

            bob.type("/answer");
            bob.out.await("(call connected with alice; /hangup ends it)", WAIT);
            alice.out.await("(call connected with bob; /hangup ends it)", WAIT);

            alice.type("/hangup");
            alice.out.await("(call ended: hung up)", WAIT);
            bob.out.await("(call ended: remote hung up)", WAIT);
        }
    }

    @Test
    void declinedCallTellsTheCaller() throws Exception {
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().port(0).build());
             Chat alice = new Chat(server, "alice", "bob");
             Chat bob = new Chat(server, "bob", "alice")) {
            alice.type("/call");
            bob.out.await("(alice is calling: /answer or /hangup)", WAIT);

            bob.type("/hangup");
            bob.out.await("(call ended: hung up)", WAIT);
            alice.out.await("(call ended: declined)", WAIT);
        }
    }

    @Test
    void answeringWithoutARingSaysWhy() throws Exception {
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().port(0).build());
             Chat alice = new Chat(server, "alice", "bob")) {
            alice.type("/answer");
            alice.out.await("(call: ", WAIT);
        }
    }
}
