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
 * @param blastEvents events measured per round of the client-bound realtime benchmark (after as many again of
 *     warm-up)
 * @param verbose whether to log which threads each CPU figure counted
 * @param jfrFile where to write a Java Flight Recorder recording of the run, or {@code null} for none
 */
public record BenchOptions(boolean quick, Duration warmUp, Duration window, List<Integer> concurrencies,
                           int realtimeMessages, int channels, int clients, int cacheReads, int cacheUsers,
                           int fanOutSockets, Set<String> sections, boolean markdown, int blastEvents,
                           boolean verbose, String jfrFile) {

    /** Every benchmark family, in the order they run. */
    public static final List<String> ALL_SECTIONS =
            List.of("server", "rest", "realtime", "blast", "scale", "caches", "micro");

    /** The usage text printed for {@code --help} and for a bad argument. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: poolse-bench [--quick] [--only=server,rest,realtime,blast,scale,caches,micro]",
            "                    [--channels=N] [--clients=N] [--messages=N] [--events=N] [--markdown]",
            "                    [--verbose] [--jfr=FILE]",
            "       poolse-bench --jfr-summary=FILE",
            "  --quick       short windows and smaller counts (about a minute)",
            "  --only=...    run only these benchmark families",
            "  --channels=N  conversations joined on one socket (default 10000, quick 1000)",
            "  --clients=N   SDK clients with open sockets in one JVM (default 1000, quick 100)",
            "  --messages=N  messages sent for the realtime figures (default 20000, quick 2000)",
            "  --events=N    events measured per round of the client-bound realtime benchmark",
            "                (default 300000, quick 60000; as many again are the warm-up)",
            "  --markdown    print the table as Markdown",
            "  --verbose     log which threads each client CPU figure counted",
            "  --jfr=FILE    record the run with Java Flight Recorder and print a CPU profile summary",
            "                of the client threads per measured window",
            "  --jfr-summary=FILE  print that summary for an existing recording and exit");

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
        requirePositive("blastEvents", blastEvents);
        concurrencies = List.copyOf(concurrencies);
        sections = Set.copyOf(sections);
    }

    /**
     * Creates options with the defaults of the later additions: 2,000 client-bound events, not verbose, no JFR.
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
    public BenchOptions(boolean quick, Duration warmUp, Duration window, List<Integer> concurrencies,
                        int realtimeMessages, int channels, int clients, int cacheReads, int cacheUsers,
                        int fanOutSockets, Set<String> sections, boolean markdown) {
        this(quick, warmUp, window, concurrencies, realtimeMessages, channels, clients, cacheReads, cacheUsers,
                fanOutSockets, sections, markdown, 2_000, false, null);
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
        Integer events = null;
        boolean verbose = false;
        String jfr = null;
        Set<String> sections = new LinkedHashSet<>(ALL_SECTIONS);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--markdown")) {
                markdown = true;
            } else if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.startsWith("--jfr=") && arg.length() > "--jfr=".length()) {
                jfr = arg.substring("--jfr=".length());
            } else if (arg.startsWith("--events=")) {
                events = positiveInt(arg);
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
                sections, markdown,
                events != null ? events : quick ? 60_000 : 300_000,
                verbose, jfr);
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
