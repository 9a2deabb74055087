package dev.poolse.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a program printed, awaitable: a test waits for a line instead of sleeping. */
final class ConsoleCapture extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the text contains {@code expected}.
     *
     * @throws AssertionError with everything printed so far when it does not within the timeout
     */
    synchronized void await(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no \"" + expected + "\" within " + timeout + "; printed so far:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
