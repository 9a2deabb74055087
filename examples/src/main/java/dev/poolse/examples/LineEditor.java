package dev.poolse.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal chat's input line, edited with JLine: it reports every keystroke as it happens (so
 * the other side sees "is typing" while the user types, not when the line is sent), and prints
 * incoming lines above the line being typed instead of through it.
 */
final class LineEditor implements AutoCloseable {

    private final Terminal terminal;
    private final LineReader reader;
    private volatile Runnable onKeystroke = () -> {};

    private LineEditor(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).build();
        // Every printable key is bound to the self-insert widget: wrap it to report the keystroke.
        Widget selfInsert = reader.getWidgets().get(LineReader.SELF_INSERT);
        reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
            try {
                onKeystroke.run();
            } catch (RuntimeException e) {
                // typing is a hint: never let it break the line being typed
            }
            return selfInsert.apply();
        });
    }

    /** The terminal this process runs in. */
    static LineEditor system() throws IOException {
        return new LineEditor(TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build());
    }

    /** A terminal on the given streams, as a terminal emulator would drive it (for tests). */
    static LineEditor on(InputStream in, OutputStream out) throws IOException {
        return new LineEditor(TerminalBuilder.builder().system(false).streams(in, out).type("xterm")
                .size(new Size(120, 40)).encoding(StandardCharsets.UTF_8).build());
    }

    /** Calls {@code action} on every character typed into the line. */
    void onKeystroke(Runnable action) {
        this.onKeystroke = action;
    }

    /** The next line the user entered, or {@code null} at end of input or Ctrl-C. */
    String readLine() {
        try {
            return reader.readLine("> ");
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** A print stream whose lines appear above the line being typed. */
    PrintStream printer() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    reader.printAbove(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
