package dev.poolse.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs Debian's headless Chromium on one local page and reports the DOM after load and every
 * console message the page produced. One browser process per page, with a hard time limit.
 */
final class Chromium {

    /** Console output in Chromium's stderr log: {@code [...:INFO:CONSOLE:12] "msg", source: ...}. */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[(:]\\d*|Uncaught ");

    /** What the browser produced for one page. */
    record Result(int exitCode, String dom, List<String> consoleMessages, String stderr) {
    }

    private final Path binary;
    private final Path profile;
    private final Duration timeout;

    Chromium(Path binary, Path profile, Duration timeout) {
        this.binary = binary;
        this.profile = profile;
        this.timeout = timeout;
    }

    /**
     * The Chromium binary: exactly the {@code poolse.chromium} system property when it is set (no
     * fallback, so a wrong path is noticed), else {@code /usr/bin/chromium}, else {@code chromium}
     * or {@code chromium-browser} on the {@code PATH}.
     */
    static Optional<Path> locate() {
        String configured = System.getProperty("poolse.chromium");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/chromium"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Loads {@code page} and returns the DOM after the load event plus the console messages. */
    Result load(Path page) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(profile.getParent(), "dom", ".html");
        Path stderr = Files.createTempFile(profile.getParent(), "log", ".txt");
        // Output goes to files, not pipes, so a chatty browser can never block on a full pipe.
        Process p = new ProcessBuilder(binary.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Chromium did not finish " + page + " within " + timeout);
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        List<String> console = log.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
        return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), console, log);
    }
}
