package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Phoenix protocol facts of the gateway, frame by frame, and the broadcasts of REST mutations. */
@ExtendWith(PoolseDevServerExtension.class)
class RealtimeProtocolIT {

  static PoolseDevServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<RawSocket> sockets = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    for (RawSocket s : sockets) {
      assertThat(s.specViolations).as("realtime payloads outside the AsyncAPI document").isEmpty();
    }
    server.faults().clear();
    assertThat(server.specViolations()).isEmpty();
  }

  private RawSocket socket(PoolseDevServer s, String externalId) throws Exception {
    RawSocket r = RawSocket.connect(s, s.mintToken(externalId));
    closeables.add(r);
    sockets.add(r);
    return r;
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static String conversation(PoolseDevServer s, String owner, String... others) {
    return new TestHttp(s.apiUrl()).post("/v1/conversations", s.mintToken(owner),
        "{\"type\":\"group\",\"member_external_ids\":" + TestHttp.json(List.of(others)) + "}").json().get("id").asText();
  }

  private static JsonNode join(RawSocket socket, String topic, String ref) throws InterruptedException {
    socket.send("[\"" + ref + "\",\"" + ref + "\",\"" + topic + "\",\"phx_join\",{}]");
    return socket.await(RawSocket.replyTo(ref));
  }

  @Test
  void heartbeatIsAnsweredOnThePhoenixTopicWithNullJoinRef() throws Exception {
    RawSocket s = socket(server, unique("a"));
    s.send("[null,\"7\",\"phoenix\",\"heartbeat\",{}]");
    JsonNode reply = s.await(RawSocket.replyTo("7"));
    assertThat(reply.get(0).isNull()).isTrue();
    assertThat(reply.get(4).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void heartbeatGoesUnansweredWhenRepliesAreStopped() throws Exception {
    RawSocket s = socket(server, unique("a"));
    server.faults().stopHeartbeatReplies(true);
    s.send("[null,\"1\",\"phoenix\",\"heartbeat\",{}]");
    s.send("[null,\"2\",\"nowhere\",\"ping\",{}]");
    // Frames leave in order, so the first one seen after both pushes answers the second push.
    assertThat(s.next().get(1).asText()).isEqualTo("2");
    assertThat(server.faults().heartbeatsIgnored()).isEqualTo(1);
  }

  @Test
  void pushToAnUnjoinedTopicIsUnmatchedWithNullJoinRef() throws Exception {
    RawSocket s = socket(server, unique("a"));
    s.send("[\"9\",\"10\",\"conversation:" + UUID.randomUUID() + "\",\"typing\",{}]");
    JsonNode reply = s.await(RawSocket.replyTo("10"));
    assertThat(reply.get(0).isNull()).isTrue();
    assertThat(reply.get(4).get("response").get("reason").asText()).isEqualTo("unmatched topic");
  }

  @Test
  void joinOfAnUnroutedTopicIsUnmatched() throws Exception {
    RawSocket s = socket(server, unique("a"));
    JsonNode reply = join(s, "lobby:1", "3");
    assertThat(reply.get(0).isNull()).isTrue();
    assertThat(reply.get(4).get("response").get("reason").asText()).isEqualTo("unmatched topic");
  }

  @Test
  void foreignUserTopicIsForbidden() throws Exception {
    RawSocket s = socket(server, unique("a"));
    JsonNode reply = join(s, "user:" + server.userId(unique("b")), "4");
    assertThat(reply.get(0).asText()).isEqualTo("4");
    assertThat(reply.get(4).get("status").asText()).isEqualTo("error");
    assertThat(reply.get(4).get("response").get("reason").asText()).isEqualTo("forbidden");
  }

  @Test
  void duplicateJoinAnswersTheNewJoinThenClosesTheOld() throws Exception {
    String a = unique("a");
    String topic = "conversation:" + conversation(server, a);
    RawSocket s = socket(server, a);
    join(s, topic, "1");
    s.send("[\"2\",\"2\",\"" + topic + "\",\"phx_join\",{}]");
    JsonNode reply = s.await(f -> f.get(3).asText().equals("phx_reply") || f.get(3).asText().equals("phx_close"));
    assertThat(reply.get(3).asText()).isEqualTo("phx_reply");
    assertThat(reply.get(0).asText()).isEqualTo("2");
    JsonNode close = s.await(RawSocket.event(topic, "phx_close"));
    assertThat(close.get(0).asText()).isEqualTo("1");
    assertThat(close.get(1).asText()).isEqualTo("1");
  }

  @Test
  void leaveRepliesOkThenCloses() throws Exception {
    String a = unique("a");
    String topic = "conversation:" + conversation(server, a);
    RawSocket s = socket(server, a);
    join(s, topic, "1");
    s.send("[\"1\",\"5\",\"" + topic + "\",\"phx_leave\",{}]");
    JsonNode reply = s.await(f -> f.get(3).asText().equals("phx_reply") || f.get(3).asText().equals("phx_close"));
    assertThat(reply.get(3).asText()).isEqualTo("phx_reply");
    assertThat(reply.get(1).asText()).isEqualTo("5");
    assertThat(s.await(RawSocket.event(topic, "phx_close")).get(0).asText()).isEqualTo("1");
  }

  @Test
  void presenceHoldsOneMetaPerSocketOfAUser() throws Exception {
    String a = unique("a");
    String topic = "conversation:" + conversation(server, a);
    RawSocket first = socket(server, a);
    join(first, topic, "1");
    RawSocket second = socket(server, a);
    join(second, topic, "1");
    JsonNode state = second.await(RawSocket.event(topic, "presence_state"));
    assertThat(state.get(0).asText()).isEqualTo("1");
    assertThat(state.get(1).isNull()).isTrue();
    JsonNode metas = state.get(4).get(server.userId(a).toString()).get("metas");
    assertThat(metas).hasSize(2);
    assertThat(metas.get(0).get("phx_ref").asText()).isNotEqualTo(metas.get(1).get("phx_ref").asText());
    second.close();
    JsonNode diff = first.await(f -> RawSocket.event(topic, "presence_diff").test(f) && f.get(4).get("leaves").size() == 1);
    assertThat(diff.get(4).get("leaves").get(server.userId(a).toString()).get("metas").get(0).get("phx_ref").asText())
        .isEqualTo(metas.get(1).get("phx_ref").asText());
  }

  @Test
  void typingReachesPeersButNotTheTypistAndStopsByItself() throws Exception {
    try (PoolseDevServer s = PoolseDevServer.start(DevServerConfig.builder().typingTimeout(Duration.ofMillis(200)).build())) {
      String topic = "conversation:" + conversation(s, "alice", "bob");
      RawSocket alice = socket(s, "alice");
      RawSocket bob = socket(s, "bob");
      join(alice, topic, "1");
      join(bob, topic, "1");
      alice.send("[\"1\",\"2\",\"" + topic + "\",\"typing\",{}]");
      assertThat(alice.await(RawSocket.replyTo("2")).get(4).get("status").asText()).isEqualTo("ok");
      JsonNode start = bob.await(RawSocket.event(topic, "typing:start"));
      assertThat(start.get(4).get("user_id").asText()).isEqualTo(s.userId("alice").toString());
      assertThat(start.get(4).get("external_id").asText()).isEqualTo("alice");
      assertThat(bob.await(RawSocket.event(topic, "typing:stop")).get(4).get("user_id").asText())
          .isEqualTo(s.userId("alice").toString());
      assertThat(alice.drain()).noneMatch(f -> f.get(3).asText().startsWith("typing:"));
    }
  }

  @Test
  void typingPushesOverTheLimitAreRefusedUntilTheNextSecond() throws Exception {
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (PoolseDevServer s = PoolseDevServer.start(DevServerConfig.builder().typingRateLimit(2).clock(clock).build())) {
      String topic = "conversation:" + conversation(s, "alice");
      RawSocket alice = socket(s, "alice");
      join(alice, topic, "1");
      for (int i = 2; i <= 4; i++) {
        alice.send("[\"1\",\"" + i + "\",\"" + topic + "\",\"typing\",{}]");
      }
      assertThat(alice.await(RawSocket.replyTo("4")).get(4).get("response").get("reason").asText()).isEqualTo("rate_limited");
      clock.advance(java.time.Duration.ofSeconds(1));
      alice.send("[\"1\",\"5\",\"" + topic + "\",\"typing\",{}]");
      assertThat(alice.await(RawSocket.replyTo("5")).get(4).get("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void malformedFrameClosesTheSocketWithPolicyViolation1008() throws Exception {
    RawSocket s = socket(server, unique("a"));
    s.send("{\"not\":\"an array\"}");
    // A Close frame with a code, not a bare drop (which the client would see as -1).
    assertThat(s.closed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1008);
  }

  @Test
  void unknownEventOnThePhoenixTopicIsAnsweredUnmatchedTopicAsPhoenixDoes() throws Exception {
    RawSocket s = socket(server, unique("a"));
    s.send("[null,\"9\",\"phoenix\",\"no_such_event\",{}]");
    JsonNode reply = s.await(RawSocket.replyTo("9"));
    assertThat(reply.get(0).isNull()).isTrue();
    assertThat(reply.get(2).asText()).isEqualTo("phoenix");
    assertThat(reply.get(4).get("status").asText()).isEqualTo("error");
    assertThat(reply.get(4).get("response").get("reason").asText()).isEqualTo("unmatched topic");
    // The socket carries on.
    s.send("[null,\"10\",\"phoenix\",\"heartbeat\",{}]");
    assertThat(s.await(RawSocket.replyTo("10")).get(4).get("status").asText()).isEqualTo("ok");
    assertThat(s.closed).isNotDone();
  }

  @Test
  void unknownVsnIsRefusedWith403() {
    URI uri = URI.create(server.wsUrl() + "/socket/websocket?token=" + server.mintToken(unique("a")) + "&vsn=9.9.9");
    assertThatThrownBy(() -> RawSocket.connect(uri))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void messageNewArrivesInSequenceOrderUnderConcurrentSends() throws Exception {
    String a = unique("a");
    String conv = conversation(server, a);
    String topic = "conversation:" + conv;
    RawSocket s = socket(server, a);
    join(s, topic, "1");
    String token = server.mintToken(a);
    TestHttp http = new TestHttp(server.apiUrl());
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            http.post("/v1/conversations/" + conv + "/messages", token, "{\"body\":\"x\"}");
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (long expected = 1; expected <= 4L * perThread; expected++) {
      assertThat(s.await(RawSocket.event(topic, "message:new")).get(4).get("sequence").asLong()).isEqualTo(expected);
    }
  }

  @Test
  void everyMessageUpdatesEachMembersUserTopicWithTheirUnreadCount() throws Exception {
    String a = unique("a");
    String b = unique("b");
    String conv = conversation(server, a, b);
    RawSocket bob = socket(server, b);
    join(bob, "user:" + server.userId(b), "1");
    new TestHttp(server.apiUrl()).post("/v1/conversations/" + conv + "/messages", server.mintToken(a),
        "{\"body\":\"ping @bob\",\"mentions\":[\"" + server.userId(b) + "\"]}");
    JsonNode mention = bob.await(RawSocket.event("user:" + server.userId(b), "mention:new"));
    assertThat(mention.get(4).get("conversation_id").asText()).isEqualTo(conv);
    JsonNode updated = bob.await(RawSocket.event("user:" + server.userId(b), "conversation:updated"));
    assertThat(updated.get(4).get("by_user_id").asText()).isEqualTo(server.userId(a).toString());
    assertThat(updated.get(4).get("conversation").get("unread_count").asLong()).isEqualTo(1);
    assertThat(updated.get(4).get("conversation").get("last_message_preview").asText()).isEqualTo("ping @bob");
  }

  @Test
  void conversationCreatedReachesEveryMember() throws Exception {
    String a = unique("a");
    String b = unique("b");
    RawSocket bob = socket(server, b);
    join(bob, "user:" + server.userId(b), "1");
    String conv = conversation(server, a, b);
    JsonNode created = bob.await(RawSocket.event("user:" + server.userId(b), "conversation:created"));
    assertThat(created.get(4).get("id").asText()).isEqualTo(conv);
    assertThat(created.get(4).get("member_external_ids")).hasSize(2);
  }

  @Test
  void reactionsReadsEditsAndDeletesAreBroadcast() throws Exception {
    String a = unique("a");
    String conv = conversation(server, a);
    String topic = "conversation:" + conv;
    RawSocket s = socket(server, a);
    join(s, topic, "1");
    TestHttp http = new TestHttp(server.apiUrl());
    String t = server.mintToken(a);
    String id = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":\"x\"}").json().get("id").asText();
    http.post("/v1/messages/" + id + "/reactions", t, "{\"emoji\":\"\uD83C\uDF89\"}");
    http.patch("/v1/messages/" + id, t, "{\"body\":\"y\"}");
    http.delete("/v1/messages/" + id, t);
    assertThat(s.await(RawSocket.event(topic, "reaction:added")).get(4).get("emoji").asText()).isEqualTo("\uD83C\uDF89");
    assertThat(s.await(RawSocket.event(topic, "message:updated")).get(4).get("body").asText()).isEqualTo("y");
    assertThat(s.await(RawSocket.event(topic, "message:deleted")).get(4).get("id").asText()).isEqualTo(id);
  }

  @Test
  void removedMemberChannelIsClosed() throws Exception {
    String a = unique("a");
    String b = unique("b");
    String conv = conversation(server, a, b);
    String topic = "conversation:" + conv;
    RawSocket bob = socket(server, b);
    join(bob, topic, "1");
    new TestHttp(server.apiUrl()).delete("/v1/conversations/" + conv + "/members/" + server.userId(b), server.mintToken(a));
    assertThat(bob.await(RawSocket.event(topic, "phx_close")).get(0).asText()).isEqualTo("1");
  }

  @Test
  void silentSocketIsDroppedAfterTheIdleTimeout() throws Exception {
    try (PoolseDevServer s = PoolseDevServer.start(DevServerConfig.builder().idleTimeout(Duration.ofMillis(300)).build())) {
      RawSocket silent = socket(s, "alice");
      assertThat(silent.closed).succeedsWithin(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5)).until(() -> s.counters().socketsOpen() == 0);
    }
  }

  @Test
  void originFromAnotherSiteIsRefused() {
    URI uri = URI.create(server.wsUrl() + "/socket/websocket?token=" + server.mintToken(unique("a")) + "&vsn=2.0.0");
    assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Origin", "https://evil.example").buildAsync(uri, new java.net.http.WebSocket.Listener() {})
        .get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(WebSocketHandshakeException.class);
  }

  @Test
  void dropSocketsClosesEveryConnection() throws Exception {
    RawSocket s = socket(server, unique("a"));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.counters().socketsOpen() >= 1);
    server.faults().dropSockets();
    assertThat(s.closed).succeedsWithin(Duration.ofSeconds(5));
  }
}
