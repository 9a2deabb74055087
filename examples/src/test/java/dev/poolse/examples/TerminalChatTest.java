package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The terminal chat answers ordinary mistakes with one line and an exit status, never a stack trace. */
class TerminalChatTest {

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ConsoleCapture out = new ConsoleCapture();
        ConsoleCapture err = new ConsoleCapture();
        int status = TerminalChat.run(args, new ByteArrayInputStream(new byte[0]), out.printStream(), err.printStream());
        return new Result(status, out.text(), err.text());
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    /** Port 1 on loopback: nothing listens there, and no other process can take it over meanwhile. */
    private static int closedPort() {
        return 1;
    }

    private static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void withoutAServerItSaysWhereItLookedAndHowToStartOne() throws IOException {
        String server = "http://127.0.0.1:" + closedPort();

        Result r = run("--as", "alice", "--with", "bob", "--server", server);

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the dev server at " + server + "; start it with: java -jar");
        assertNoStackTrace(r.err() + r.out());
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Result r = run("--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith(TerminalChat.USAGE).contains("--retry-for").contains("/quit");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void missingOrBadFlagsPrintTheProblemAndTheUsageLineAndExitTwo() {
        List<String[]> mistakes = List.of(
                new String[] {},
                new String[] {"--as", "alice"},
                new String[] {"--as", "alice", "--with"},
                new String[] {"--as", "alice", "--with", "alice"},
                new String[] {"--as", "alice", "--with", "bob", "--bogus", "1"},
                new String[] {"--as", "alice", "--with", "bob", "stray"},
                new String[] {"--as", "alice", "--with", "bob", "--server", "localhost:4000"},
                new String[] {"--as", "alice", "--with", "bob", "--retry-for", "soon"});
        for (String[] args : mistakes) {
            Result r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("chat: ").endsWith(TerminalChat.USAGE + System.lineSeparator());
            assertThat(r.err().lines().count()).isEqualTo(2);
            assertNoStackTrace(r.err());
        }
        assertThat(run("--as", "alice").err()).contains("missing --with");
        assertThat(run("--as", "alice", "--with", "bob", "--bogus", "1").err()).contains("unknown option --bogus");
    }

    /** The launcher's real process: what a user sees in the terminal, and the exit status a script sees. */
    @Test
    void theDemoLauncherExitsWithTheStatusAndNoStackTrace() throws Exception {
        String server = "http://127.0.0.1:" + closedPort();
        Result noServer = launch("chat", "--as", "alice", "--with", "bob", "--server", server);
        assertThat(noServer.status()).isEqualTo(1);
        assertThat(noServer.err()).contains("cannot reach the dev server at " + server);
        assertNoStackTrace(noServer.err() + noServer.out());

        Result badFlag = launch("chat", "--as", "alice");
        assertThat(badFlag.status()).isEqualTo(2);
        assertThat(badFlag.err()).contains(TerminalChat.USAGE);
        assertNoStackTrace(badFlag.err() + badFlag.out());
    }

    private static Result launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Demo.class.getName()));
        command.addAll(List.of(args));
        File out = File.createTempFile("chat-out", ".txt");
        File err = File.createTempFile("chat-err", ".txt");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the demo launcher did not exit within 90 s: " + command);
            }
            return new Result(p.exitValue(),
                    java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
