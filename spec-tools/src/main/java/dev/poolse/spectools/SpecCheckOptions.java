package dev.poolse.spectools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of a check: the two specs, the baseline to compare the OpenAPI document with, and
 * the directory holding the official JSON Schemas ({@code spec/schemas} in this repository).
 *
 * @param openapi    the OpenAPI 3.0 document
 * @param asyncapi   the AsyncAPI 3.0 document
 * @param baseline   the released OpenAPI document; when the file does not exist the gate is skipped
 * @param schemasDir the directory with {@code openapi-3.0/schema.json} and
 *                   {@code asyncapi-3.0.0/schema.json}
 */
public record SpecCheckOptions(Path openapi, Path asyncapi, Path baseline, Path schemasDir) {

    /** The command line syntax, printed on a usage error. */
    public static final String USAGE =
            "usage: SpecCheck --openapi <file> --asyncapi <file> --baseline <file> --schemas <dir>";

    private static final List<String> FLAGS = List.of("--openapi", "--asyncapi", "--baseline", "--schemas");

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a path is null
     */
    public SpecCheckOptions {
        Objects.requireNonNull(openapi, "openapi");
        Objects.requireNonNull(asyncapi, "asyncapi");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(schemasDir, "schemasDir");
    }

    /**
     * Parses the command line. Every flag is required, once, followed by its value; the order is
     * free.
     *
     * @param args the arguments of {@code main}
     * @return the options
     * @throws NullPointerException     if {@code args} or an element is null
     * @throws IllegalArgumentException if a flag is unknown, repeated, missing or has no value; the
     *                                  message names it and ends with {@link #USAGE}
     */
    public static SpecCheckOptions parse(String... args) {
        Objects.requireNonNull(args, "args");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = Objects.requireNonNull(args[i], "args[" + i + "]");
            if (!FLAGS.contains(flag)) {
                throw usage("unknown argument '" + flag + "'");
            }
            if (i + 1 >= args.length || args[i + 1] == null || args[i + 1].startsWith("--")) {
                throw usage(flag + " needs a value");
            }
            if (values.put(flag, args[++i]) != null) {
                throw usage(flag + " given twice");
            }
        }
        for (String flag : FLAGS) {
            if (!values.containsKey(flag)) {
                throw usage("missing " + flag);
            }
        }
        return new SpecCheckOptions(
                Path.of(values.get("--openapi")).normalize(),
                Path.of(values.get("--asyncapi")).normalize(),
                Path.of(values.get("--baseline")).normalize(),
                Path.of(values.get("--schemas")).normalize());
    }

    private static IllegalArgumentException usage(String reason) {
        return new IllegalArgumentException(reason + "\n" + USAGE);
    }
}
