package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quick start runs end to end against its embedded dev server, as a new user would run it. */
class QuickStartIT {

    @Test
    void quickStartCompletesEveryStepAgainstTheEmbeddedDevServer() throws Exception {
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
    }
}
