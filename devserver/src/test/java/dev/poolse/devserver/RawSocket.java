package dev.poolse.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A bare WebSocket that records every frame, for asserting exact Phoenix frames. */
final class RawSocket implements WebSocket.Listener, AutoCloseable {

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  /** Message refs of {@link #push} and {@link #framesSoFar}, far from the join refs tests write. */
  private final AtomicInteger refs = new AtomicInteger(100);
  /** Payloads that did not match the AsyncAPI document; a test asserts this stays empty. */
  final List<String> specViolations = new java.util.concurrent.CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket ws;

  private RawSocket(URI uri) throws Exception {
    this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
        .buildAsync(uri, this).get(20, TimeUnit.SECONDS);
  }

  static RawSocket connect(PoolseDevServer server, String token) throws Exception {
    return new RawSocket(URI.create(server.wsUrl() + "/socket/websocket?token=" + token + "&vsn=2.0.0"));
  }

  static RawSocket connect(URI uri) throws Exception {
    return new RawSocket(uri);
  }

  void send(String text) {
    ws.sendText(text, true).join();
  }

  /**
   * Waits up to 20 s for the next frame matching the predicate; earlier non-matching frames are
   * skipped. The bound only matters when a frame never comes: a loaded CI machine has taken over 5 s.
   */
  JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no matching frame within 20 s");
      }
      if (match.test(f)) {
        return f;
      }
    }
  }

  /**
   * Pushes {@code event} on {@code topic} (joined with join ref "1") and waits for its reply.
   *
   * @return the reply's payload ({@code status} and {@code response})
   */
  JsonNode push(String topic, String event, String payload) throws InterruptedException {
    String ref = Integer.toString(refs.incrementAndGet());
    send("[\"1\",\"" + ref + "\",\"" + topic + "\",\"" + event + "\"," + payload + "]");
    return await(replyTo(ref)).get(4);
  }

  /** Every frame received before a heartbeat round trip: what the server sent so far, in order. */
  List<JsonNode> framesSoFar() throws InterruptedException {
    String ref = Integer.toString(refs.incrementAndGet());
    send("[null,\"" + ref + "\",\"phoenix\",\"heartbeat\",{}]");
    List<JsonNode> seen = new ArrayList<>();
    Predicate<JsonNode> marker = replyTo(ref);
    await(f -> {
      if (marker.test(f)) {
        return true;
      }
      seen.add(f);
      return false;
    });
    return seen;
  }

  /** Waits for the next frame, whatever it is. */
  JsonNode next() throws InterruptedException {
    return await(f -> true);
  }

  List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }

  static Predicate<JsonNode> event(String topic, String event) {
    return f -> f.get(2).asText().equals(topic) && f.get(3).asText().equals(event);
  }

  static Predicate<JsonNode> replyTo(String ref) {
    return f -> f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText(null));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode frame = TestHttp.MAPPER.readTree(partial.toString());
        specViolations.addAll(AsyncApiPayloads.violations(frame.get(3).asText(), frame.get(4)));
        frames.add(frame);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    ws.abort();
  }
}
