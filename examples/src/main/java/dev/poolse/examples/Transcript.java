package dev.poolse.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What each user's listeners received, printed as it arrives, and awaitable so the demo can move
 * on only once the other side has seen a step (which keeps the printed story in order).
 */
final class Transcript {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    Transcript(PrintStream out) {
        this.out = out;
    }

    /** Prints a step the demo takes. */
    synchronized void step(String text) {
        out.printf("%n%s%n", text);
    }

    /** Records and prints one event a listener of {@code who} received. */
    synchronized void received(String who, String event, String detail) {
        String line = String.format("  %6.2fs  %-5s <- %-18s %s", elapsedSeconds(), who, event, detail);
        lines.add(who + " " + event + " " + detail);
        out.println(line);
        notifyAll();
    }

    /** Prints a line that is not an event (progress, results). */
    synchronized void note(String text) {
        out.println("           " + text);
    }

    /**
     * Waits until a received line matches.
     *
     * @throws IllegalStateException when none matches within the timeout
     */
    synchronized void await(String description, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines.stream().noneMatch(match)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + description);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Number of received lines so far. */
    synchronized int size() {
        return lines.size();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
