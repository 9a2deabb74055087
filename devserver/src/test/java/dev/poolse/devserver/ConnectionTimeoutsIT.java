package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No HTTP client holds a connection forever: a request must arrive in full within the read
 * timeout (else 408 and close), a silent new connection is closed after it, an answered
 * keep-alive connection after the idle timeout. Short timeouts keep the tests fast; every wait is
 * bounded by a socket timeout.
 */
class ConnectionTimeoutsIT {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  private PoolseDevServer server;
  private ScheduledExecutorService ticker;

  @BeforeEach
  void start() {
    server = PoolseDevServer.start(DevServerConfig.builder().readTimeout(READ_TIMEOUT).idleTimeout(IDLE_TIMEOUT).build());
    ticker = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    ticker.shutdownNow();
    server.close();
  }

  /** Sends {@code bytes} one per second until they run out or the connection fails. */
  private ScheduledFuture<?> trickle(RawHttp c, byte[] bytes) {
    AtomicInteger next = new AtomicInteger();
    return ticker.scheduleAtFixedRate(() -> {
      int i = next.getAndIncrement();
      if (i >= bytes.length) {
        throw new IllegalStateException("done");
      }
      try {
        c.write(new byte[] {bytes[i]});
      } catch (IOException e) {
        throw new IllegalStateException("connection closed", e);
      }
    }, 0, 1, TimeUnit.SECONDS);
  }

  @Test
  void headersTricklingOneByteASecondAreAnswered408WithinTheReadTimeout() throws Exception {
    byte[] request = ("GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.mintToken("slow")
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try (RawHttp c = new RawHttp(server.apiUrl(), Duration.ofSeconds(10))) {
      long started = System.nanoTime();
      ScheduledFuture<?> sender = trickle(c, request);
      RawHttp.Response r = c.read();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      sender.cancel(false);
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.code()).isEqualTo("request_timeout");
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(elapsedMs).isBetween(READ_TIMEOUT.toMillis() - 300, READ_TIMEOUT.toMillis() + 3000);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void bodyTricklingOneByteASecondIsAnswered408WithinTheReadTimeout() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl(), Duration.ofSeconds(10))) {
      c.write("POST /v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.apiKey()
          + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
      long started = System.nanoTime();
      ScheduledFuture<?> sender = trickle(c, "{\"external_id\":\"slow-body\"}".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response r = c.read();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      sender.cancel(false);
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.code()).isEqualTo("request_timeout");
      assertThat(elapsedMs).isLessThan(READ_TIMEOUT.toMillis() + 3000);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void newConnectionThatSendsNothingIsClosedWithinTheReadTimeout() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl(), Duration.ofSeconds(10))) {
      long started = System.nanoTime();
      assertThat(c.closedByServer()).isTrue();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(elapsedMs).isBetween(READ_TIMEOUT.toMillis() - 300, READ_TIMEOUT.toMillis() + 3000);
    }
  }

  @Test
  void answeredKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    // Its own server with a read timeout far above the idle one, so a loaded machine's late close
    // still tells the two apart.
    Duration longRead = Duration.ofSeconds(6);
    server.close();
    server = PoolseDevServer.start(DevServerConfig.builder().readTimeout(longRead).idleTimeout(IDLE_TIMEOUT).build());
    try (RawHttp c = new RawHttp(server.apiUrl(), Duration.ofSeconds(10))) {
      RawHttp.Response r = c.exchange("GET", "/v1/me", Map.of("Authorization", "Bearer " + server.mintToken("idle")), null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("connection")).isEqualTo("keep-alive");
      long answered = System.nanoTime();
      assertThat(c.closedByServer()).isTrue();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered);
      // The idle timeout (1 s) applies, not the longer read timeout (6 s); the clock starts after
      // the response arrived, so the lower bound allows for a late test thread.
      assertThat(elapsedMs).isBetween(IDLE_TIMEOUT.toMillis() - 600, longRead.toMillis() - 1000);
    }
  }

  @Test
  void slowServerProcessingIsNotCutByTheReadTimeout() throws Exception {
    server.faults().delayResponses(READ_TIMEOUT.plusMillis(1000));
    try (RawHttp c = new RawHttp(server.apiUrl(), Duration.ofSeconds(10))) {
      RawHttp.Response r = c.exchange("GET", "/v1/me", Map.of("Authorization", "Bearer " + server.mintToken("patient")), null);
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @Test
  void webSocketOutlivesTheReadTimeout() throws Exception {
    try (PoolseDevServer s = PoolseDevServer.start(DevServerConfig.builder().readTimeout(Duration.ofMillis(300)).build());
        RawSocket socket = RawSocket.connect(s, s.mintToken("ws"))) {
      assertThat(socket.closed).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(TimeoutException.class);
      socket.send("[null,\"1\",\"phoenix\",\"heartbeat\",{}]");
      assertThat(socket.await(RawSocket.replyTo("1")).get(4).get("status").asText()).isEqualTo("ok");
    }
  }
}
