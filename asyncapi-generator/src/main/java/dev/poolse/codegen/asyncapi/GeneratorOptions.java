package dev.poolse.codegen.asyncapi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to generate and where.
 *
 * @param spec the AsyncAPI 3 document; relative file {@code $ref}s resolve against its directory
 * @param templates the directory holding {@code record.mustache}, {@code map-record.mustache},
 *     {@code enum.mustache}, {@code catalog.mustache} and the {@code header.mustache} partial
 * @param output the source root to write into (files go to {@code output/<package path>/})
 * @param eventsPackage the package of the generated event types and the catalogue
 * @param modelPackage the package of the OpenAPI model classes that schemas living in other
 *     documents map to
 */
public record GeneratorOptions(
        Path spec, Path templates, Path output, String eventsPackage, String modelPackage) {

    private static final Pattern PACKAGE =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** The command-line usage, shown when the arguments are wrong. */
    public static final String USAGE = "usage: AsyncApiGenerator --spec <asyncapi.yaml> --templates <dir>"
            + " --output <dir> --package <events package> --model-package <model package>";

    /**
     * Validates the options.
     *
     * @param spec the AsyncAPI document
     * @param templates the templates directory
     * @param output the source root to write into
     * @param eventsPackage the package of the generated types
     * @param modelPackage the package of the existing OpenAPI model classes
     * @throws NullPointerException if any option is null
     * @throws IllegalArgumentException if a package name is not a valid Java package name
     */
    public GeneratorOptions {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(eventsPackage, "eventsPackage");
        Objects.requireNonNull(modelPackage, "modelPackage");
        requirePackage("eventsPackage", eventsPackage);
        requirePackage("modelPackage", modelPackage);
        if (eventsPackage.equals(modelPackage)) {
            throw new IllegalArgumentException(
                    "eventsPackage and modelPackage must differ, both are " + eventsPackage);
        }
    }

    /**
     * Parses the command line {@code --spec F --templates D --output D --package P --model-package P};
     * every option is required and may appear once.
     *
     * @param args the arguments of {@code main}
     * @return the parsed options
     * @throws IllegalArgumentException with the usage when an option is missing, repeated or unknown
     */
    public static GeneratorOptions parse(String... args) {
        Objects.requireNonNull(args, "args");
        String spec = null;
        String templates = null;
        String output = null;
        String eventsPackage = null;
        String modelPackage = null;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name + "\n" + USAGE);
            }
            String value = args[i + 1];
            switch (name) {
                case "--spec" -> spec = once(name, spec, value);
                case "--templates" -> templates = once(name, templates, value);
                case "--output" -> output = once(name, output, value);
                case "--package" -> eventsPackage = once(name, eventsPackage, value);
                case "--model-package" -> modelPackage = once(name, modelPackage, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new GeneratorOptions(
                Path.of(required("--spec", spec)),
                Path.of(required("--templates", templates)),
                Path.of(required("--output", output)),
                required("--package", eventsPackage),
                required("--model-package", modelPackage));
    }

    private static String once(String name, String previous, String value) {
        if (previous != null) {
            throw new IllegalArgumentException(name + " given twice\n" + USAGE);
        }
        return value;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + name + "\n" + USAGE);
        }
        return value;
    }

    private static void requirePackage(String what, String value) {
        if (!PACKAGE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not a Java package name: '" + value + "'");
        }
    }
}
