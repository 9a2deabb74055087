package dev.poolse.examples.backend;

import dev.poolse.sdk.admin.PoolseAdmin;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example backend: {@code GET /chat-token} ({@link ChatTokenController}) and a support bot
 * ({@link SupportBot}), with the {@code PoolseAdmin} and service-account {@code Poolse} beans of
 * {@code poolse-spring-boot-starter}. Started by {@code ./poolse-demo backend}.
 */
@SpringBootApplication
public class BackendApplication {

    /** Creates the application class; Spring calls this. */
    public BackendApplication() {
    }

    /**
     * Starts the backend and prints its URL and a {@code curl} line to try it. It runs until the
     * JVM is stopped (Ctrl+C), which closes the Spring context: the bot first, then the clients,
     * then the embedded dev server.
     *
     * @param args {@code [--port N]} (default 8080; 0 picks a free port) and any Spring Boot
     *     argument such as {@code --poolse.dev-server.enabled=false}; {@code --help} prints the usage
     */
    public static void main(String[] args) {
        try {
            run(args, System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    /**
     * What {@link #main} does, minus the exit: starts the backend and prints the welcome.
     *
     * @param args the command line
     * @param env the environment
     * @param out where the welcome or the usage goes
     * @return the running application, or {@code null} when only the usage was asked for
     * @throws IllegalArgumentException on an invalid argument
     */
    static ConfigurableApplicationContext run(String[] args, Map<String, String> env, PrintStream out) {
        List<String> springArgs = springArguments(args, env);
        if (springArgs == null) {
            out.println(usage());
            return null;
        }
        ConfigurableApplicationContext context = SpringApplication.run(BackendApplication.class,
                springArgs.toArray(String[]::new));
        printWelcome(context, out);
        return context;
    }

    /**
     * Turns the launcher's arguments into Spring Boot's: {@code --port N} or {@code --port=N}
     * becomes {@code --server.port=N}, and with {@code POOLSE_API_URL} set the embedded dev server
     * is switched off, as in the quick start, so that {@code POOLSE_API_URL} and
     * {@code POOLSE_API_KEY} alone select a real backend. Other arguments pass through.
     *
     * @param args the command line
     * @param env the environment
     * @return Spring Boot's arguments, or {@code null} when the usage was asked for
     * @throws IllegalArgumentException on a missing or invalid port
     */
    static List<String> springArguments(String[] args, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        String apiUrl = env.get("POOLSE_API_URL");
        if (apiUrl != null && !apiUrl.isBlank()) {
            out.add("--poolse.dev-server.enabled=false");
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                return null;
            } else if (arg.equals("--port")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--port needs a value, e.g. --port 8080");
                }
                out.add("--server.port=" + port(args[++i]));
            } else if (arg.startsWith("--port=")) {
                out.add("--server.port=" + port(arg.substring("--port=".length())));
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value the user typed
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535 (0 picks a free port), got: " + value);
    }

    /**
     * Prints where the backend listens and a line to paste into another terminal.
     *
     * @param context the started application
     * @param out where to print
     */
    static void printWelcome(ConfigurableApplicationContext context, PrintStream out) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String poolse = context.getBean(PoolseAdmin.class).apiUrl();
        String bot = context.getEnvironment().getProperty("poolse.service-account.external-id");
        out.println();
        out.println("Example backend at http://localhost:" + port + " (Poolse at " + poolse + ")");
        if (bot != null) {
            out.println("The support bot \"" + bot + "\" answers in every conversation it is in.");
        }
        out.println("Get a token for alice (X-User-Id stands in for your sign-in):");
        out.println();
        out.println("  curl -H 'X-User-Id: alice' http://localhost:" + port + "/chat-token");
        out.println();
        out.println("Stop with Ctrl+C.");
    }

    static String usage() {
        return """
                Usage: ./poolse-demo backend [--port N] [--SPRING_PROPERTY=VALUE ...]

                Starts the example backend (a Spring Boot application) on an embedded Poolse dev
                server: GET /chat-token mints a token for the user named by the X-User-Id header,
                and the support bot "support-bot" answers in the conversations it is in.

                  --port N     HTTP port on 127.0.0.1, default 8080; 0 picks a free one

                With POOLSE_API_URL and POOLSE_API_KEY set it uses that Poolse backend instead.""";
    }
}
