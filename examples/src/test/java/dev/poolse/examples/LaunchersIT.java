package dev.poolse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./poolse-demo} and {@code ./poolse-bench} keep the build's noise out of what the user sees:
 * no colour escape codes, no code generator banner, and the build log (without colour codes) only
 * when the build fails. A stand-in {@code mvn} on the {@code PATH} prints what the real build
 * prints, so the test needs no real build.
 */
class LaunchersIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEMO_JAR = Path.of("target", "poolse-examples.jar").toAbsolutePath();
    private static final String NOISE = "printf '\\033[0m\\033[0m\\033[1;34m[INFO]\\033[m Building\\n'\n"
            + "echo '################################################################################'\n"
            + "echo '# Thanks for using OpenAPI Generator.                                          #'\n";

    private Path dir;

    private record Run(int status, String out, String err) {}

    @BeforeEach
    void copyTheLaunchers() throws Exception {
        dir = Files.createTempDirectory("launchers");
        for (String script : List.of("poolse-demo", "poolse-bench")) {
            Files.copy(REPO.resolve(script), dir.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(dir.resolve("bin"));
    }

    @AfterEach
    void clean() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void aSuccessfulBuildPrintsNeitherColourCodesNorBanners() throws Exception {
        fakeMaven(NOISE
                + "mkdir -p examples/target bench/target\n"
                + "cp '" + DEMO_JAR + "' examples/target/poolse-examples.jar\n"
                + "cp '" + DEMO_JAR + "' bench/target/poolse-bench.jar\n");

        for (String script : List.of("poolse-demo", "poolse-bench")) {
            Run r = launch(script, "--help");
            assertThat(r.status()).as(script).isZero();
            assertThat(r.out()).as(script).contains("Usage:");
            assertThat(r.out() + r.err()).as(script)
                    .doesNotContain("\u001b")
                    .doesNotContain("Thanks for using")
                    .doesNotContain("[INFO]");
        }
    }

    @Test
    void aFailedBuildShowsItsLogWithoutColourCodes() throws Exception {
        fakeMaven(NOISE + "printf '\\033[1;31m[ERROR]\\033[m COMPILATION ERROR: Foo.java:[3,1] oops\\n'\nexit 1\n");

        for (String script : List.of("poolse-demo", "poolse-bench")) {
            Run r = launch(script, "--help");
            assertThat(r.status()).as(script).isEqualTo(1);
            assertThat(r.err()).as(script)
                    .contains("The build failed")
                    .contains("[ERROR] COMPILATION ERROR: Foo.java:[3,1] oops")
                    .doesNotContain("\u001b");
        }
    }

    private void fakeMaven(String body) throws Exception {
        Path mvn = dir.resolve("bin/mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
    }

    private Run launch(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(script + ".out").toFile())
                .redirectError(dir.resolve(script + ".err").toFile());
        pb.environment().put("PATH", dir.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s");
        }
        return new Run(p.exitValue(),
                Files.readString(dir.resolve(script + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(script + ".err"), StandardCharsets.UTF_8));
    }
}
