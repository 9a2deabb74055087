package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates from the small golden spec with the real templates and compares with the checked-in
 * expected files, so that any change to the generator or a template shows up as a reviewable diff.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after an intended change.
 */
class GoldenFilesTest {

    @TempDir
    Path output;

    @Test
    void generatesExactlyTheCheckedInFiles() throws IOException {
        AsyncApiGenerator.generate(TestPaths.golden(output));
        if (Boolean.getBoolean("golden.update")) {
            copyTree(output, TestPaths.GOLDEN_EXPECTED);
        }

        Set<String> actual = relativeFiles(output);
        Set<String> expected = relativeFiles(TestPaths.GOLDEN_EXPECTED);
        assertThat(actual).as("generated file set").isEqualTo(expected);
        StringBuilder mismatches = new StringBuilder();
        for (String file : expected) {
            String want = Files.readString(TestPaths.GOLDEN_EXPECTED.resolve(file), StandardCharsets.UTF_8);
            String got = Files.readString(output.resolve(file), StandardCharsets.UTF_8);
            if (!want.equals(got)) {
                mismatches.append(LineDiff.describe(file, want, got));
            }
        }
        if (mismatches.length() > 0) {
            fail("generated sources differ from the golden files (rerun with -Dgolden.update=true if intended):\n"
                    + mismatches);
        }
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        assertThat(AsyncApiGenerator.render(TestPaths.golden(output)))
                .isEqualTo(AsyncApiGenerator.render(TestPaths.golden(output)));
    }

    private static Set<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
