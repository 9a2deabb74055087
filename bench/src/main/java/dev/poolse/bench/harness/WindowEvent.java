package dev.poolse.bench.harness;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Java Flight Recorder event spanning one measured window, so a recording of a whole run can be cut into the
 * windows of each benchmark row ({@link JfrSummary}). Costs nothing when no recording runs.
 */
@Name(WindowEvent.NAME)
@Label("Benchmark window")
@Category("Poolse bench")
@Description("One measured window of a benchmark row")
public final class WindowEvent extends Event {

    /** The event type's name in a recording. */
    public static final String NAME = "dev.poolse.bench.Window";

    /** What was measured, for example {@code rest send async c=16 sdk}. */
    @Label("Window")
    public String window;

    /**
     * Creates an event for a window; call {@link #begin()} when it opens and {@link #commit()} when it ends.
     *
     * @param window what is measured
     */
    public WindowEvent(String window) {
        this.window = window;
    }
}
