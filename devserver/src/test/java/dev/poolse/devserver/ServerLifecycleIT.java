package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start-up, shutdown and the JUnit extension's parameter injection. */
@ExtendWith(PoolseDevServerExtension.class)
class ServerLifecycleIT {

  private static Set<String> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("poolse-devserver-boss") || n.startsWith("poolse-devserver-io"))
        .collect(Collectors.toSet());
  }

  @Test
  void parameterServerIsRunningAndUsable(PoolseDevServer server) {
    assertThat(server.apiUrl().toString()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
    assertThat(server.wsUrl().toString()).startsWith("ws://127.0.0.1:");
    assertThat(new TestHttp(server.apiUrl()).get("/v1/me", server.mintToken("alice")).status()).isEqualTo(200);
  }

  @Test
  void closeLeavesNoServerThreads() {
    Set<String> before = serverThreads();
    PoolseDevServer server = PoolseDevServer.start(DevServerConfig.defaults());
    // Only this server's threads: another test's server may still be ending its own meanwhile.
    Set<String> mine = new java.util.HashSet<>(serverThreads());
    mine.removeAll(before);
    assertThat(mine).isNotEmpty();
    server.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Collections.disjoint(serverThreads(), mine));
  }

  @Test
  void embeddedStartupTimeIsReported() {
    long start = System.nanoTime();
    try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.defaults())) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.println("embedded dev server started in " + millis + " ms");
      assertThat(server.apiUrl().getPort()).isPositive();
    }
  }

  @Test
  void executableJarStartsPrintsItsUrlsAndStopsOnSigterm() throws Exception {
    Path jar = Path.of("target", "poolse-devserver.jar");
    assertThat(Files.exists(jar)).as("shaded jar built in package").isTrue();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(javaBin, "-jar", jar.toString(), "--port", "0", "--admin")
        .redirectErrorStream(true).start();
    java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      // Read the banner on another thread so a hung process fails the test instead of hanging it.
      java.util.List<String> banner = reader.submit(() -> {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
          lines.add(String.valueOf(out.readLine()));
        }
        return lines;
      }).get(30, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.println("executable jar printed its banner after " + millis + " ms (process start included): " + banner.get(0));
      assertThat(banner.get(0)).startsWith("Poolse dev server ready");
      assertThat(banner.get(1)).contains("REST API:   http://127.0.0.1:");
      assertThat(banner.get(2)).contains("WebSocket:  ws://127.0.0.1:");
      assertThat(banner.get(3)).contains("pk_test_poolse_dev");
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    } finally {
      reader.shutdownNow();
      p.destroyForcibly();
    }
  }
}
