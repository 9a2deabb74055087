package dev.poolse.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./poolse-demo backend} as a user runs it: the script starts the packaged jar and its
 * {@code target/lib} classpath, and the {@code curl} line it prints gets a token. The script is
 * copied to a temporary directory next to links to this module's packaged jar and libraries, so
 * it finds them up to date and does not build; a stand-in {@code mvn} fails the test if it tries.
 */
class PoolseDemoBackendIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Pattern CURL = Pattern.compile("curl -H 'X-User-Id: alice' http://localhost:(\\d+)/chat-token");

    private Path dir;
    private Process backend;

    @BeforeEach
    void copyTheLauncherNextToThePackagedBackend() throws IOException {
        dir = Files.createTempDirectory("poolse-demo-backend");
        Files.copy(REPO.resolve("poolse-demo"), dir.resolve("poolse-demo"), StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(dir.resolve("examples-backend/target"));
        Files.createSymbolicLink(target.resolve("poolse-examples-backend.jar"), TARGET.resolve("poolse-examples-backend.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib"));
        Path mvn = Files.createDirectories(dir.resolve("bin")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'the launcher rebuilt an up-to-date backend' >&2\nexit 1\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
    }

    @AfterEach
    void stopAndClean() throws Exception {
        if (backend != null) {
            backend.destroy();   // SIGTERM: Spring closes the context, as on Ctrl+C
            if (!backend.waitFor(20, TimeUnit.SECONDS)) {
                backend.destroyForcibly();
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            // Deletes the links, never what they point to.
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theCurlLineItPrintsGetsAToken() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("poolse-demo").toString(), "backend", "--port", "0")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().remove("POOLSE_API_URL");
        pb.environment().put("PATH", dir.resolve("bin") + File.pathSeparator
                + Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        backend = pb.start();

        StringBuilder output = new StringBuilder();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readUntilCurlLine(output, port), "poolse-demo-output");
        reader.setDaemon(true);
        reader.start();
        // Generous: a cold Spring Boot start on two busy cores has taken over 30 s.
        int printedPort = port.get(120, TimeUnit.SECONDS);

        // The server listens on 127.0.0.1; the printed localhost may resolve to ::1 first.
        String token = new ChatTokenClient(URI.create("http://127.0.0.1:" + printedPort + "/chat-token")).token("alice");
        assertThat(token).isNotBlank();
        synchronized (output) {
            assertThat(output.toString()).doesNotContain("rebuilt");
        }
    }

    private void readUntilCurlLine(StringBuilder output, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(backend.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                Matcher curl = CURL.matcher(line);
                if (curl.find()) {
                    port.complete(Integer.parseInt(curl.group(1)));
                }
            }
            port.completeExceptionally(new AssertionError("the backend exited without a curl line:\n" + output));
        } catch (IOException e) {
            port.completeExceptionally(new UncheckedIOException(e));
        }
    }
}
