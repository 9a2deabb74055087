package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The errors guide lists the whole exception hierarchy: every public exception class of the SDK
 * (outside {@code internal} packages) appears in one of the guide's hierarchy trees, under the
 * class it extends.
 */
class ErrorsGuideTest {

    private static final Path SDK = Path.of("..", "sdk-ergonomic", "src", "main", "java");
    private static final Path GUIDE = Path.of("src", "guides", "04-errors-and-retries.md");
    private static final Pattern DECLARATION =
            Pattern.compile("public (?:final |abstract )*class (\\w+Exception) extends (\\w+)");

    @Test
    void everyPublicSdkExceptionIsInTheHierarchy() throws IOException {
        String guide = Files.readString(GUIDE);
        List<String> trees = new ArrayList<>();
        Matcher block = Pattern.compile("```\\n(\\w+Exception .*?)```", Pattern.DOTALL).matcher(guide);
        while (block.find()) {
            trees.add(block.group(1));
        }
        assertThat(trees).as("hierarchy blocks in " + GUIDE).isNotEmpty();

        List<String[]> exceptions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SDK)) {
            for (Path f : files.filter(p -> p.toString().endsWith("Exception.java")).toList()) {
                if (SDK.relativize(f).toString().contains("internal")) {
                    continue;
                }
                Matcher m = DECLARATION.matcher(Files.readString(f));
                if (m.find() && !f.toString().contains("phoenix")) {
                    exceptions.add(new String[] {m.group(1), m.group(2)});
                }
            }
        }
        assertThat(exceptions).extracting(e -> e[0]).contains("PoolseException", "ResponseTooLargeException",
                "RealtimeException", "ResyncRequiredException");

        for (String[] e : exceptions) {
            String tree = trees.stream().filter(t -> t.matches("(?s).*(^|[\\s─])" + e[0] + "\\s.*")).findFirst()
                    .orElseThrow(() -> new AssertionError(e[0] + " is missing from the hierarchy in " + GUIDE));
            if (e[1].endsWith("Exception") && tree.contains(e[1] + " ")) {
                assertThat(depth(tree, e[0])).as(e[0] + " is drawn under " + e[1]).isGreaterThan(depth(tree, e[1]));
            } else {
                assertThat(depth(tree, e[0])).as(e[0] + " (extends " + e[1] + ") is a root of its tree").isZero();
            }
        }
    }

    /** Column at which a class name starts in its tree line: 0 for the root. */
    private static int depth(String tree, String name) {
        for (String line : tree.split("\\n")) {
            Matcher m = Pattern.compile("^([\\s│├└─]*)" + name + "\\s").matcher(line);
            if (m.find()) {
                return m.group(1).length();
            }
        }
        throw new AssertionError(name + " not found");
    }
}
