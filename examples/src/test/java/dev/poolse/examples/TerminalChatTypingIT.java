package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ConversationChannel;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
 * With a terminal, "is typing" reaches the other side while the user types: the test types part of
 * a line into the chat's line editor and sees bob's typing:start before it presses Enter.
 */
class TerminalChatTypingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void keystrokesSendTypingBeforeTheLineIsSent() throws Exception {
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().port(0).build());
             Poolse bob = Poolse.builder().apiUrl(server.apiUrl().toString())
                     .tokenProvider(() -> server.mintToken("bob")).build()) {
            ConsoleCapture out = new ConsoleCapture();
            ConsoleCapture err = new ConsoleCapture();
            PipedOutputStream keys = new PipedOutputStream();
            PipedInputStream terminalIn = new PipedInputStream(keys);
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> TerminalChat.run(new String[] {
                    "--as", "alice", "--with", "bob", "--server", server.apiUrl().toString(),
                    "--api-key", server.apiKey()}, terminalIn, out.printStream(), err.printStream(), true));

            // The whole line, not its start: the id may still be on its way when the start arrives.
            out.await(". /who, /history, /call, /answer, /hangup, /quit", WAIT);
            Matcher id = Pattern.compile("Chatting with bob in ([0-9a-f-]{36})").matcher(out.text());
            assertThat(id.find()).isTrue();
            BlockingQueue<String> bobSaw = new LinkedBlockingQueue<>();
            ConversationChannel room = bob.realtime().conversation(UUID.fromString(id.group(1)));
            room.onTypingStart(t -> bobSaw.add("typing"));
            room.onMessage((Message m) -> bobSaw.add("message " + m.getBody()));
            room.joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            type(keys, "hel");
            assertThat(bobSaw.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("what bob sees first").isEqualTo("typing");

            type(keys, "lo\r");
            assertThat(bobSaw.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("message hello");

            type(keys, "/quit\r");
            assertThat(status.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(err.text()).isEmpty();
        }
    }

    private static void type(OutputStream keys, String text) throws Exception {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }
}
