package dev.poolse.examples;

import java.io.PrintStream;

/**
 * A one-line progress bar. In a terminal it is redrawn in place with a carriage return; when the
 * output is a file or a CI log it prints one line per quarter instead.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final boolean terminal = System.console() != null;
    private int lastStep = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Redraws the bar when its step changed; ends the line at 100 %. */
    synchronized void update(long loaded, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, loaded * 100 / total);
        int step = terminal ? percent : percent / 25;
        if (step == lastStep) {
            return;
        }
        lastStep = step;
        int filled = percent * WIDTH / 100;
        String bar = String.format("           %s [%s%s] %3d%% %,d/%,d bytes", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), percent, loaded, total);
        if (terminal) {
            out.print("\r" + bar);
            if (percent == 100) {
                out.println();
            }
        } else {
            out.println(bar);
        }
        out.flush();
    }
}
