package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The quick start runs end to end against its embedded dev server, as a new user would run it, and
 * prints each event under the step that caused it.
 */
class QuickStartIT {

    @Test
    void quickStartCompletesEveryStepAgainstTheEmbeddedDevServer() throws Exception {
        String transcript = run();

        assertThat(transcript)
                .contains("bob   <- message:new")
                .contains("(thread reply)")
                .contains("alice <- mention:new")
                .contains("bob   <- reaction:added")
                .contains("alice <- member:read")
                .contains("launch-plan.pdf")
                .contains("bob   <- message:updated")
                .contains("bob   <- message:deleted")
                .contains("Done:");

        // Each event is printed under the step that caused it, never under a later heading.
        assertThat(transcript).doesNotContain(Transcript.UNEXPECTED);
        assertThat(section(transcript, "6. alice sends a message"))
                .contains("alice <- message:new", "bob   <- message:new", "alice <- member:read", "bob   <- member:read",
                        "alice <- conversation:updated", "bob   <- conversation:updated");
        assertThat(section(transcript, "7. bob replies")).contains("alice <- message:new", "(thread reply)")
                .doesNotContain("alice <- message:new        alice: \"Hi Bob! Launch is at 3pm.\"");
        assertThat(section(transcript, "5. alice types")).contains("bob   <- typing:start", "bob   <- typing:stop");
        assertThat(section(transcript, "12. alice edits")).contains("alice <- message:deleted", "bob   <- message:deleted");
        assertThat(section(transcript, "13. bob's inbox")).doesNotContain(" <- ");
        assertThat(section(transcript, "14. bob signs off")).contains("alice <- presence           online: [alice]");
    }

    private static String run() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String transcript = captured.toString(StandardCharsets.UTF_8);
        original.print(transcript);
        return transcript;
    }

    /** The lines from a heading up to the next heading (a blank line, then the next step). */
    private static String section(String transcript, String headingStart) {
        int start = transcript.indexOf("\n" + headingStart);
        assertThat(start).as("heading " + headingStart).isNotNegative();
        int end = transcript.indexOf("\n\n", start + 1);
        return transcript.substring(start, end < 0 ? transcript.length() : end);
    }
}
