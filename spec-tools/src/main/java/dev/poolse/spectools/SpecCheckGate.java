package dev.poolse.spectools;

/**
 * The build's entry point to the spec checks: the same checks and output as {@link SpecCheck}, but a
 * failure is reported by throwing instead of exiting.
 *
 * <p>The build runs the checks with {@code exec:java}, inside the Maven JVM. There
 * {@code System.exit(1)} would stop Maven on the spot, without its failure summary; an exception
 * thrown from {@code main} instead fails the build step and names the problem count.
 */
public final class SpecCheckGate {

    private SpecCheckGate() {
    }

    /**
     * Runs the checks; returns normally only when every check passed.
     *
     * @param args the {@link SpecCheck} command line
     * @throws SpecCheckFailedException when a check failed or the command line is wrong; the problems
     *     themselves were printed to standard error
     */
    public static void main(String[] args) {
        int status = SpecCheck.run(args, System.out, System.err);
        if (status == SpecCheck.EXIT_USAGE) {
            throw new SpecCheckFailedException("spec check: wrong command line (see the message above)");
        }
        if (status != 0) {
            throw new SpecCheckFailedException("spec check failed: spec/ has problems; each is printed above with its file and line");
        }
    }

    /** A spec check did not pass. */
    public static final class SpecCheckFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed
         */
        public SpecCheckFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
