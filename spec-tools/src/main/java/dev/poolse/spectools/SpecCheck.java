package dev.poolse.spectools;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Command line entry point of the spec checks, run by the build before code generation.
 *
 * <pre>
 * SpecCheck --openapi spec/openapi.yaml --asyncapi spec/asyncapi.yaml \
 *           --baseline spec/baseline/openapi.yaml --schemas spec/schemas
 * </pre>
 *
 * <p>Prints one line per problem to standard error and the notes to standard output. The exit
 * status is 1 when a check fails and 2 on a usage error. On success {@code main} simply returns
 * instead of calling {@code System.exit(0)}: under {@code exec:java} the tool runs inside the
 * Maven JVM, and exiting would end the whole build at that point with a success status.
 */
public final class SpecCheck {

    /** Exit status when a check failed. */
    public static final int EXIT_PROBLEMS = 1;
    /** Exit status when the command line is wrong. */
    public static final int EXIT_USAGE = 2;

    private SpecCheck() {
    }

    /**
     * Runs the checks and exits with a non-zero status if one fails.
     *
     * @param args {@code --openapi <file> --asyncapi <file> --baseline <file> --schemas <dir>}
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the checks and prints the outcome; everything {@link #main} does except exiting.
     *
     * @param args the command line
     * @param out  where notes and the summary go
     * @param err  where problems and usage errors go
     * @return 0 when every check passed, {@link #EXIT_PROBLEMS} or {@link #EXIT_USAGE} otherwise
     * @throws NullPointerException if an argument is null
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        SpecCheckOptions options;
        SpecCheckResult result;
        try {
            options = SpecCheckOptions.parse(args);
            result = new SpecChecker().check(options);
        } catch (IllegalArgumentException e) {
            err.println("spec check: " + e.getMessage());
            return EXIT_USAGE;
        }
        result.notes().forEach(out::println);
        result.problems().forEach(err::println);
        if (result.passed()) {
            out.println("spec check passed: " + options.openapi() + ", " + options.asyncapi());
            return 0;
        }
        err.println("spec check failed: " + result.problems().size() + " problem(s)");
        return EXIT_PROBLEMS;
    }
}
