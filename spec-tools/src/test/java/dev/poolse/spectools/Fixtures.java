package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture specs, and small edits of them written to a temporary directory. */
final class Fixtures {

    /** The repository's JSON Schemas; tests run with the module directory as working directory. */
    static final Path SCHEMAS = Path.of("..", "spec", "schemas");

    /** One checker for all tests, so the schemas load once per test run. */
    static final SpecChecker CHECKER = new SpecChecker();

    private Fixtures() {
    }

    /** Reads a fixture from {@code src/test/resources/fixtures}. */
    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exactly one occurrence, so a fixture edit cannot silently stop applying. */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' occurs in the fixture", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once in the fixture", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** Writes a file into a directory and returns its path. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line that is {@code needle} once indentation is stripped. */
    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("'" + needle + "' not in text");
    }
}
