package dev.poolse.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What each user's listeners received, printed as it arrives under the step that caused it.
 *
 * <p>Each {@link #step} names the events it causes ({@code "bob message:new"}, once per expected
 * delivery), and {@link #awaitStep} waits for exactly those before the demo moves on, so no event
 * of one step is printed under the next heading. An event that no step expects is still printed,
 * marked {@value #UNEXPECTED}.
 */
final class Transcript {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    /** Marks a printed event that the current step did not expect. */
    static final String UNEXPECTED = "(not expected in this step)";

    private final List<String> lines = new ArrayList<>();
    /** Events the current step still waits for, as {@code "who event"}. */
    private final List<String> pending = new ArrayList<>();
    private String currentStep = "";

    Transcript(PrintStream out) {
        this.out = out;
    }

    /**
     * Prints a step the demo takes.
     *
     * @param text the heading
     * @param expected the events the step causes, each {@code "who event"}, repeated for each
     *     delivery expected; {@link #awaitStep} waits for all of them
     * @throws IllegalStateException when the previous step still waits for events
     */
    synchronized void step(String text, String... expected) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("\"" + currentStep + "\" still waits for " + pending);
        }
        currentStep = text;
        pending.addAll(List.of(expected));
        out.printf("%n%s%n", text);
    }

    /** Records and prints one event a listener of {@code who} received. */
    synchronized void received(String who, String event, String detail) {
        boolean expected = pending.remove(who + " " + event);
        String line = String.format("  %6.2fs  %-5s <- %-18s %s%s", elapsedSeconds(), who, event, detail,
                expected ? "" : " " + UNEXPECTED);
        lines.add(who + " " + event + " " + detail);
        out.println(line);
        notifyAll();
    }

    /**
     * Waits until every event the current step expects has arrived.
     *
     * @throws IllegalStateException naming the missing events when they do not arrive in time
     */
    synchronized void awaitStep(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s in \""
                        + currentStep + "\" waiting for " + pending);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Prints a line that is not an event (progress, results). */
    synchronized void note(String text) {
        out.println("           " + text);
    }

    /** Number of received lines so far. */
    synchronized int size() {
        return lines.size();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
