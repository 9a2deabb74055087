package dev.poolse.apicheck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public API gate, run by the build in {@code verify} for every module that has an {@code api/}
 * folder (see the root POM's {@code api-check} profile):
 *
 * <pre>
 * --classes DIR      the module's compiled classes
 * --api-file FILE    the checked-in dump, api/&lt;artifactId&gt;.api
 * --packages LIST    comma-separated packages, "a.b" for that one, "a.b.*" with its sub-packages
 * --update BOOL      true: write the file instead of comparing
 * --command TEXT     the command that accepts a change, quoted in the failure message
 * </pre>
 *
 * A difference fails with the removed and added lines, each with the type it belongs to.
 */
public final class ApiCheck {
    private ApiCheck() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Path classes = Path.of(require(opts, "--classes"));
        Path apiFile = Path.of(require(opts, "--api-file"));
        List<String> packages = Arrays.stream(require(opts, "--packages").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        String update = opts.getOrDefault("--update", "false").strip();
        boolean write = update.isEmpty() || update.equals("true");
        String command = opts.getOrDefault("--command", "");

        String actual = ApiDump.render(ApiDump.dump(classes, packages));
        if (write) {
            Files.createDirectories(apiFile.toAbsolutePath().getParent());
            Files.writeString(apiFile, actual, StandardCharsets.UTF_8);
            System.out.println("[api-check] wrote " + apiFile + " (" + actual.lines().count() + " lines)");
            return;
        }
        String expected = Files.isRegularFile(apiFile) ? Files.readString(apiFile, StandardCharsets.UTF_8) : "";
        if (expected.equals(actual)) {
            System.out.println("[api-check] " + apiFile.getFileName() + ": public API unchanged ("
                    + actual.lines().count() + " lines)");
            return;
        }
        String message = describe(expected, actual, apiFile, command);
        throw new IllegalStateException(message);
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    /** The difference, as "- owner: line" and "+ owner: line", and what to do about it. */
    static String describe(String expected, String actual, Path apiFile, String command) {
        Set<String> before = qualified(expected);
        Set<String> after = qualified(actual);
        List<String> removed = new ArrayList<>();
        for (String l : before) {
            if (!after.contains(l)) {
                removed.add(l);
            }
        }
        List<String> added = new ArrayList<>();
        for (String l : after) {
            if (!before.contains(l)) {
                added.add(l);
            }
        }
        StringBuilder m = new StringBuilder();
        if (expected.isEmpty()) {
            m.append("The public API file ").append(apiFile).append(" is missing or empty.\n");
        } else {
            m.append("The public API differs from ").append(apiFile).append(": ")
                    .append(removed.size()).append(" line(s) removed or changed, ")
                    .append(added.size()).append(" added.\n");
            for (String l : removed) {
                m.append("  - ").append(l).append('\n');
            }
            for (String l : added) {
                m.append("  + ").append(l).append('\n');
            }
            if (removed.isEmpty() && added.isEmpty()) {
                m.append("  (only the order or spacing differs)\n");
            }
        }
        m.append("If the change is intended, accept it with\n    ").append(command)
                .append("\nand commit the updated file with the change.");
        if (!removed.isEmpty()) {
            m.append(" Removed or changed lines break users' code: they need the next major version"
                    + " (see RELEASING.md); prefer adding and deprecating.");
        }
        return m.toString();
    }

    /** Member lines prefixed with their type, so a line alone says where it is. */
    private static Set<String> qualified(String dump) {
        Set<String> lines = new LinkedHashSet<>();
        String owner = "";
        for (String line : dump.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  ")) {
                lines.add(owner + " { " + line.strip() + " }");
            } else {
                String[] words = line.strip().split(" ");
                owner = typeName(words);
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static String typeName(String[] declarationWords) {
        for (int i = 0; i < declarationWords.length - 1; i++) {
            String w = declarationWords[i];
            if (w.equals("class") || w.equals("interface") || w.equals("enum") || w.equals("record")
                    || w.equals("@interface")) {
                String n = declarationWords[i + 1];
                int lt = n.indexOf('<');
                return lt < 0 ? n : n.substring(0, lt);
            }
        }
        return String.join(" ", declarationWords);
    }
}
