package dev.poolse.bench.harness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Describes the machine and JVM a run happened on, printed above the table so figures are never read bare. */
public final class MachineInfo {

    private MachineInfo() {
    }

    /**
     * Returns a few lines naming the cores, operating system, JVM, heap limit, collectors and current system load.
     *
     * @return the description
     */
    public static List<String> describe() {
        Runtime rt = Runtime.getRuntime();
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return List.of(
                "cores:  " + rt.availableProcessors() + " available to the JVM",
                "os:     " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                "jvm:    " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                "heap:   max " + (rt.maxMemory() >> 20) + " MiB; GC " + String.join(", ", gcs),
                "args:   " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                String.format(Locale.ROOT, "load:   %.2f (system load average over the last minute; other work on "
                        + "the machine shows here and in the figures)",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
}
