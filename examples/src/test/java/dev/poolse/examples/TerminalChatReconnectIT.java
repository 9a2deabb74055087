package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server goes away in the middle of a chat: the chat keeps running, says it is reconnecting,
 * sends the line once the server is back, and says so when it does not come back in time.
 */
class TerminalChatReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aServerLostMidChatIsReportedAndTheLineIsSentWhenItIsBack() throws Exception {
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().port(0).build());
             LoopbackProxy proxy = new LoopbackProxy(server.apiUrl().getPort());
             Poolse bob = Poolse.builder().apiUrl(server.apiUrl().toString())
                     .tokenProvider(() -> server.mintToken("bob")).build()) {
            ConsoleCapture out = new ConsoleCapture();
            ConsoleCapture err = new ConsoleCapture();
            PipedOutputStream keys = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(keys);
            PrintStream typing = new PrintStream(keys, true, StandardCharsets.UTF_8);
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> TerminalChat.run(new String[] {
                    "--as", "alice", "--with", "bob",
                    "--server", "http://127.0.0.1:" + proxy.port(),
                    "--api-key", server.apiKey(),
                    "--retry-for", "5"}, stdin, out.printStream(), err.printStream()));

            // The whole line, not its start: the id may still be on its way when the start arrives.
            out.await(". /who, /history, /call, /answer, /hangup, /quit", WAIT);
            Matcher id = Pattern.compile("Chatting with bob in ([0-9a-f-]{36})").matcher(out.text());
            assertThat(id.find()).isTrue();
            BlockingQueue<Message> bobReceived = new LinkedBlockingQueue<>();
            var room = bob.realtime().conversation(UUID.fromString(id.group(1)));
            room.onMessage(bobReceived::add);
            room.joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            typing.println("before");
            assertThat(bobReceived.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(Message::getBody).isEqualTo("before");

            // Gone, then back while the line waits: it is sent once, after saying it is reconnecting.
            proxy.down();
            typing.println("while you were away");
            // Longer: a send caught on a connection the proxy just cut waits out its attempt first.
            out.await("cannot reach the server at http://127.0.0.1:" + proxy.port() + "; reconnecting",
                    WAIT.multipliedBy(3));
            out.await("(live connection lost; reconnecting…)", WAIT);
            proxy.up();
            out.await("the server is back: sent \"while you were away\"", WAIT);
            out.await("(live connection back)", WAIT);
            assertThat(bobReceived.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(Message::getBody)
                    .isEqualTo("while you were away");

            // Gone for longer than --retry-for: it says the line was not sent, and keeps running.
            proxy.down();
            typing.println("into the void");
            out.await("could not send \"into the void\": the server at http://127.0.0.1:" + proxy.port()
                    + " did not come back within 5 s", WAIT);
            proxy.up();
            typing.println("/quit");

            assertThat(status.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(bobReceived).isEmpty();
            assertThat(out.text() + err.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
