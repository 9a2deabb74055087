package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc of poolse-sdk and poolse-devserver is complete: the javadoc tool's
 * {@code -Xdoclint:all} with warnings as errors finds nothing, every package, type, constructor,
 * method and field shown has a summary sentence ({@link SummaryDoclet}), and every package has a
 * {@code package-info.java}.
 *
 * <p>Linted: every package of the dev server and every SDK package but {@code *.internal}, which
 * are not API and not in the published Javadoc (the {@code -Pdocs} build excludes them too); they
 * still need a {@code package-info.java} saying so. Runs in the default build (about 10 s on two
 * cores) so CI fails on a missing comment, not only the {@code -Pdocs} site build.
 */
class JavadocLintTest {

    private static final List<Path> SOURCES = List.of(
            Path.of("..", "sdk-ergonomic", "src", "main", "java"),
            Path.of("..", "devserver", "src", "main", "java"));

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path root : SOURCES) {
            for (Path dir : packageDirs(root)) {
                if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
                    missing.add(root.relativize(dir).toString().replace(File.separatorChar, '.'));
                }
            }
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    @Test
    void doclintFindsNothingAndNoSummaryIsEmpty(@TempDir Path out) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-doclet", SummaryDoclet.class.getName(),
                "-docletpath", Path.of(SummaryDoclet.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                "-Xdoclint:all", "-Werror", "-quiet",
                "-Xmaxerrs", "10000", "-Xmaxwarns", "10000",
                "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-sourcepath", String.join(File.pathSeparator, SOURCES.stream().map(Path::toString).toList())));
        for (Path root : SOURCES) {
            for (Path dir : packageDirs(root)) {
                String name = root.relativize(dir).toString().replace(File.separatorChar, '.');
                if (!name.matches("(.*\\.)?internal(\\..*)?")) {
                    args.add(name);
                }
            }
        }
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log);
        ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElseThrow();

        int status = javadoc.run(writer, writer, args.toArray(String[]::new));
        writer.flush();

        assertThat(log.toString()).as("javadoc findings").doesNotContain("warning").doesNotContain("error");
        assertThat(status).as(log.toString()).isZero();
    }

    private static List<Path> packageDirs(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }
}
