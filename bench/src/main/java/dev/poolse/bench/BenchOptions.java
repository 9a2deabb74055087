package dev.poolse.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of one benchmark run, read from the command line. {@code --quick} shortens every window and
 * shrinks the scale counts so a run takes well under a minute; the defaults are the full run recorded in the results
 * file.
 *
 * @param quick whether this is the short run
 * @param warmUp unrecorded time before each measured window
 * @param window measured time of each closed-loop point
 * @param concurrencies the REST concurrency levels
 * @param realtimeMessages messages sent for the realtime delivery figures
 * @param channels conversations joined on one socket for the scale figure
 * @param clients SDK clients with open sockets for the scale figure
 * @param cacheReads concurrent token reads and profile lookups for the cache figures
 * @param cacheUsers distinct users the profile lookups spread over
 * @param fanOutSockets sockets joined to one conversation for the dev server's fan-out figure
 * @param sections which benchmark families to run
 * @param markdown whether to print the table as Markdown
 */
public record BenchOptions(boolean quick, Duration warmUp, Duration window, List<Integer> concurrencies,
                           int realtimeMessages, int channels, int clients, int cacheReads, int cacheUsers,
                           int fanOutSockets, Set<String> sections, boolean markdown) {

    /** Every benchmark family, in the order they run. */
    public static final List<String> ALL_SECTIONS =
            List.of("server", "rest", "realtime", "scale", "caches", "micro");

    /** The usage text printed for {@code --help} and for a bad argument. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: poolse-bench [--quick] [--only=server,rest,realtime,scale,caches,micro]",
            "                    [--channels=N] [--clients=N] [--messages=N] [--markdown]",
            "  --quick       short windows and smaller counts (about a minute)",
            "  --only=...    run only these benchmark families",
            "  --channels=N  conversations joined on one socket (default 10000, quick 1000)",
            "  --clients=N   SDK clients with open sockets in one JVM (default 1000, quick 100)",
            "  --messages=N  messages sent for the realtime figures (default 20000, quick 2000)",
            "  --markdown    print the table as Markdown");

    /**
     * Creates options, checking every count.
     */
    public BenchOptions {
        if (warmUp == null || window == null || concurrencies == null || sections == null) {
            throw new NullPointerException("warmUp, window, concurrencies and sections are required");
        }
        requirePositive("realtimeMessages", realtimeMessages);
        requirePositive("channels", channels);
        requirePositive("clients", clients);
        requirePositive("cacheReads", cacheReads);
        requirePositive("cacheUsers", cacheUsers);
        requirePositive("fanOutSockets", fanOutSockets);
        concurrencies = List.copyOf(concurrencies);
        sections = Set.copyOf(sections);
    }

    /**
     * Reads the command line.
     *
     * @param args the arguments; not null
     * @return the options
     * @throws IllegalArgumentException for an unknown or malformed argument
     */
    public static BenchOptions parse(String... args) {
        if (args == null) {
            throw new NullPointerException("args");
        }
        boolean quick = false;
        boolean markdown = false;
        Integer channels = null;
        Integer clients = null;
        Integer messages = null;
        Set<String> sections = new LinkedHashSet<>(ALL_SECTIONS);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--markdown")) {
                markdown = true;
            } else if (arg.startsWith("--only=")) {
                sections.clear();
                for (String s : arg.substring("--only=".length()).split(",")) {
                    String name = s.trim().toLowerCase(Locale.ROOT);
                    if (!ALL_SECTIONS.contains(name)) {
                        throw new IllegalArgumentException("unknown benchmark family '" + s + "'; known: "
                                + ALL_SECTIONS);
                    }
                    sections.add(name);
                }
            } else if (arg.startsWith("--channels=")) {
                channels = positiveInt(arg);
            } else if (arg.startsWith("--clients=")) {
                clients = positiveInt(arg);
            } else if (arg.startsWith("--messages=")) {
                messages = positiveInt(arg);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new BenchOptions(quick,
                quick ? Duration.ofMillis(700) : Duration.ofSeconds(3),
                quick ? Duration.ofMillis(1500) : Duration.ofSeconds(8),
                List.of(1, 16, 64),
                messages != null ? messages : quick ? 2_000 : 20_000,
                channels != null ? channels : quick ? 1_000 : 10_000,
                clients != null ? clients : quick ? 100 : 1_000,
                10_000, 50,
                quick ? 20 : 50,
                sections, markdown);
    }

    /**
     * Says whether a benchmark family is part of this run.
     *
     * @param section the family name
     * @return true when it runs
     */
    public boolean runs(String section) {
        return sections.contains(section);
    }

    private static int positiveInt(String arg) {
        String value = arg.substring(arg.indexOf('=') + 1);
        try {
            int n = Integer.parseInt(value);
            requirePositive(arg.substring(2, arg.indexOf('=')), n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in '" + arg + "'", e);
        }
    }

    private static void requirePositive(String name, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + n);
        }
    }
}
