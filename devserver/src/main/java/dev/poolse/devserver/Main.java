package dev.poolse.devserver;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Command line entry point of the executable jar.
 *
 * <pre>
 * java -jar poolse-devserver.jar [--host 127.0.0.1] [--port 4000] [--api-key KEY] [--admin]
 *     [--read-timeout 30s] [--idle-timeout 60s] [--sfu-url wss://sfu.example] [--ice-ttl 3600s]
 * </pre>
 *
 * <p>The API key also comes from {@code POOLSE_DEV_API_KEY}. Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {

  private Main() {}

  /**
   * Starts the server and blocks until the JVM is asked to stop.
   *
   * @param args the command line
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    DevServerConfig config;
    try {
      config = parse(args, System.getenv("POOLSE_DEV_API_KEY"));
    } catch (IllegalArgumentException e) {
      System.err.println("poolse-devserver: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (config == null) {
      usage(System.out);
      return;
    }
    long started = System.nanoTime();
    PoolseDevServer server = PoolseDevServer.start(config);
    long millis = (System.nanoTime() - started) / 1_000_000;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "poolse-devserver-shutdown"));
    System.out.println("Poolse dev server ready in " + millis + " ms");
    System.out.println("  REST API:   " + server.apiUrl());
    System.out.println("  WebSocket:  " + server.wsUrl() + "/socket/websocket");
    System.out.println("  API key:    " + server.apiKey());
    if (config.admin()) {
      System.out.println("  Admin:      " + server.apiUrl() + "/_dev/");
    }
    System.out.flush();
    stopped.await();
  }

  /**
   * Parses the command line.
   *
   * @param args the arguments
   * @param envApiKey the value of {@code POOLSE_DEV_API_KEY}, or null
   * @return the configuration, or null when help was asked for
   * @throws IllegalArgumentException on a bad argument
   */
  static DevServerConfig parse(String[] args, String envApiKey) {
    DevServerConfig.Builder b = DevServerConfig.builder().port(4000).admin(false);
    if (envApiKey != null && !envApiKey.isBlank()) {
      b.apiKey(envApiKey.trim());
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--host":
          b.host(value(args, ++i, a));
          break;
        case "--port":
          try {
            b.port(Integer.parseInt(value(args, ++i, a)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number");
          }
          break;
        case "--api-key":
          b.apiKey(value(args, ++i, a));
          break;
        case "--admin":
          b.admin(true);
          break;
        case "--read-timeout":
          b.readTimeout(duration(value(args, ++i, a), a));
          break;
        case "--idle-timeout":
          b.idleTimeout(duration(value(args, ++i, a), a));
          break;
        case "--sfu-url":
          b.sfuUrl(value(args, ++i, a));
          break;
        case "--ice-ttl":
          b.iceTtl(duration(value(args, ++i, a), a));
          break;
        case "--help":
        case "-h":
          return null;
        default:
          throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    return b.build();
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /**
   * Parses a duration flag: whole seconds ({@code 30}, {@code 30s}) or milliseconds ({@code 500ms}),
   * positive.
   *
   * @param text the flag's value
   * @param flag the flag, for the error message
   * @return the duration
   * @throws IllegalArgumentException when the value is not a positive duration
   */
  static java.time.Duration duration(String text, String flag) {
    String t = text.trim();
    try {
      java.time.Duration d;
      if (t.endsWith("ms")) {
        d = java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else {
        d = java.time.Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(flag + " must be positive, got " + text);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a duration such as 30, 30s or 500ms, got " + text);
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar poolse-devserver.jar [--host HOST] [--port PORT] [--api-key KEY] [--admin]");
    out.println("                                      [--read-timeout DURATION] [--idle-timeout DURATION]");
    out.println("                                      [--sfu-url URL] [--ice-ttl DURATION]");
    out.println("  --host     address to bind (default 127.0.0.1)");
    out.println("  --port     port to bind, 0 for any free port (default 4000)");
    out.println("  --api-key  the tenant API key (default pk_test_poolse_dev, or POOLSE_DEV_API_KEY)");
    out.println("  --admin    serve the /_dev/ fault-injection and counter routes");
    out.println("  --read-timeout  time for a request to arrive in full, else 408 (default 30s; 30, 30s, 500ms)");
    out.println("  --idle-timeout  silence after which an idle keep-alive connection or WebSocket is closed (default 60s)");
    out.println("  --sfu-url  the SFU (ws:// or wss://) that call tokens name; without it call-token answers 503");
    out.println("  --ice-ttl  how long TURN credentials from /v1/ice-servers stay valid (default 3600s)");
  }
}
