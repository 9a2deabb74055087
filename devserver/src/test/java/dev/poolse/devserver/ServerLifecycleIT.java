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
    assertThat(serverThreads()).hasSizeGreaterThan(before.size());
    server.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> serverThreads().equals(before));
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--admin")
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = out.readLine();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.println("executable jar ready after " + millis + " ms (process start included): " + ready);
      assertThat(ready).startsWith("Poolse dev server ready");
      assertThat(out.readLine()).contains("REST API:   http://127.0.0.1:");
      assertThat(out.readLine()).contains("WebSocket:  ws://127.0.0.1:");
      assertThat(out.readLine()).contains("pk_test_poolse_dev");
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }
}
