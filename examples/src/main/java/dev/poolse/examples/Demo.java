package dev.poolse.examples;

import java.util.Arrays;

/**
 * Entry point of {@code ./poolse-demo}: {@code quickstart} (the default) or {@code chat}.
 */
public final class Demo {

    private Demo() {}

    /**
     * Runs the quick start, or the terminal chat when the first argument is {@code chat}.
     *
     * @param args {@code [quickstart]} or {@code chat --as NAME --with NAME [--server URL] [--api-key KEY]
     *     [--retry-for SECONDS]}
     * @throws Exception when the demo fails; the message says what went wrong
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "quickstart" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "quickstart" -> QuickStart.main(rest);
            case "chat" -> TerminalChat.main(rest);
            case "-h", "--help", "help" -> usage();
            default -> {
                System.err.println("Unknown command: " + command);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("""
                Usage:
                  ./poolse-demo                     run the quick start against an embedded dev server
                  ./poolse-demo chat --as alice --with bob [--server http://127.0.0.1:4000] [--api-key KEY]
                                                    chat in this terminal (start a dev server first:
                                                    java -jar devserver/target/poolse-devserver.jar;
                                                    ./poolse-demo chat --help lists every option)
                  ./poolse-demo backend [--port 8080]
                                                    the example backend (Spring Boot): a token
                                                    endpoint and a support bot, on a dev server

                The quick start runs against a real backend when POOLSE_API_URL is set, with either
                POOLSE_API_KEY (users are provisioned and tokens minted like your backend would), or
                POOLSE_TOKEN_COMMAND (run with the external id as its argument, prints a JWT).
                """);
    }
}
