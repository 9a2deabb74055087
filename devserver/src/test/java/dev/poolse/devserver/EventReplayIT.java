package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conversation revisions: the join reply, the payloads and the replay route. */
class EventReplayIT {

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private PoolseDevServer start(DevServerConfig config) {
    PoolseDevServer s = PoolseDevServer.start(config);
    closeables.add(s);
    return s;
  }

  private RawSocket socket(PoolseDevServer s, String externalId) throws Exception {
    RawSocket r = RawSocket.connect(s, s.mintToken(externalId));
    closeables.add(r);
    return r;
  }

  private static String conversation(TestHttp http, String token, String... others) {
    return http.post("/v1/conversations", token,
        "{\"type\":\"group\",\"member_external_ids\":" + TestHttp.json(List.of(others)) + "}").json().get("id").asText();
  }

  private static JsonNode join(RawSocket socket, String topic, String ref) throws InterruptedException {
    socket.send("[\"" + ref + "\",\"" + ref + "\",\"" + topic + "\",\"phx_join\",{}]");
    return socket.await(RawSocket.replyTo(ref));
  }

  private static String send(TestHttp http, String token, String conv, String body) {
    return http.post("/v1/conversations/" + conv + "/messages", token, body).json().get("id").asText();
  }

  @Test
  void joinReplyCarriesTheRevisionAndLiveEventsContinueFromIt() throws Exception {
    PoolseDevServer server = start(DevServerConfig.defaults());
    TestHttp http = new TestHttp(server.apiUrl());
    String alice = server.mintToken("alice");
    String conv = conversation(http, alice, "bob");
    send(http, alice, conv, "{\"body\":\"one\"}"); // message:new (1) and alice's member:read (2)
    RawSocket bob = socket(server, "bob");
    String topic = "conversation:" + conv;
    JsonNode reply = join(bob, topic, "1");
    assertThat(reply.get(4).get("response").get("revision").asLong()).isEqualTo(2);
    String id = send(http, alice, conv, "{\"body\":\"two\"}");
    JsonNode live = bob.await(RawSocket.event(topic, "message:new"));
    assertThat(live.get(4).get("revision").asLong()).isEqualTo(3);
    assertThat(live.get(4).get("id").asText()).isEqualTo(id);
    assertThat(bob.await(RawSocket.event(topic, "member:read")).get(4).get("revision").asLong()).isEqualTo(4);
  }

  @Test
  void replayReturnsEveryDurableEventAfterARevisionWithItsPayload() {
    PoolseDevServer server = start(DevServerConfig.defaults());
    TestHttp http = new TestHttp(server.apiUrl());
    String alice = server.mintToken("alice");
    String bob = server.mintToken("bob");
    String conv = conversation(http, alice, "bob");
    String root = send(http, alice, conv, "{\"body\":\"root\"}");
    String reply = send(http, bob, conv, "{\"body\":\"re\",\"reply_to_id\":\"" + root + "\"}");
    http.post("/v1/messages/" + root + "/reactions", bob, "{\"emoji\":\"\uD83D\uDC4D\"}");
    http.patch("/v1/messages/" + root, alice, "{\"body\":\"root, edited\"}");
    http.delete("/v1/messages/" + root + "/reactions/%F0%9F%91%8D", bob);
    http.post("/v1/conversations/" + conv + "/read", alice, "{\"message_id\":\"" + reply + "\"}");
    http.delete("/v1/messages/" + root, alice);

    TestHttp.Resp page = http.get("/v1/conversations/" + conv + "/events?after=0", bob);
    assertThat(page.status()).isEqualTo(200);
    List<String> events = new ArrayList<>();
    long expected = 1;
    for (JsonNode e : page.json().get("data")) {
      assertThat(e.get("revision").asLong()).isEqualTo(expected);
      assertThat(e.get("payload").get("revision").asLong()).isEqualTo(expected);
      expected++;
      events.add(e.get("event").asText());
    }
    // A reply announces its root's new reply_count; every send moves the sender's read cursor.
    assertThat(events).containsExactly("message:new", "member:read", "message:new", "message:updated",
        "member:read", "reaction:added", "message:updated", "reaction:removed", "member:read", "message:deleted");
    assertThat(page.json().get("data").get(3).get("payload").get("reply_count").asInt()).isEqualTo(1);
    // Required properties that are null stay in the replayed payload, as they were broadcast.
    JsonNode firstPayload = page.json().get("data").get(0).get("payload");
    assertThat(firstPayload.has("deleted_at")).isTrue();
    assertThat(firstPayload.get("deleted_at").isNull()).isTrue();
    assertThat(page.json().get("has_more").asBoolean()).isFalse();
    assertThat(page.json().get("revision").asLong()).isEqualTo(10);

    TestHttp.Resp tail = http.get("/v1/conversations/" + conv + "/events?after=8&limit=1", bob);
    assertThat(tail.json().get("data")).hasSize(1);
    assertThat(tail.json().get("data").get(0).get("event").asText()).isEqualTo("member:read");
    assertThat(tail.json().get("has_more").asBoolean()).isTrue();
    // The message's own revision is the one of its latest change.
    JsonNode listed = http.get("/v1/conversations/" + conv + "/messages", bob).json().get("data").get(0);
    assertThat(listed.get("revision").asLong()).isEqualTo(10);
  }

  @Test
  void replayFromBeforeWhatIsKeptIsGone() {
    PoolseDevServer server = start(DevServerConfig.builder().eventRetention(3).build());
    TestHttp http = new TestHttp(server.apiUrl());
    String alice = server.mintToken("alice");
    String conv = conversation(http, alice);
    for (int i = 0; i < 3; i++) {
      send(http, alice, conv, "{\"body\":\"m" + i + "\"}"); // two revisions each
    }
    TestHttp.Resp gone = http.get("/v1/conversations/" + conv + "/events?after=2", alice);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.code()).isEqualTo("events_expired");
    TestHttp.Resp kept = http.get("/v1/conversations/" + conv + "/events?after=3", alice);
    assertThat(kept.status()).isEqualTo(200);
    assertThat(kept.json().get("data")).hasSize(3);
  }

  @Test
  void replayFromARevisionTheServerNeverReachedIsGone() {
    PoolseDevServer server = start(DevServerConfig.defaults());
    TestHttp http = new TestHttp(server.apiUrl());
    String alice = server.mintToken("alice");
    String conv = conversation(http, alice);
    TestHttp.Resp gone = http.get("/v1/conversations/" + conv + "/events?after=7", alice);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.code()).isEqualTo("events_expired");
  }

  @Test
  void replayIsForMembersOnlyAndValidatesItsParameters() {
    PoolseDevServer server = start(DevServerConfig.defaults());
    TestHttp http = new TestHttp(server.apiUrl());
    String conv = conversation(http, server.mintToken("alice"));
    String stranger = server.mintToken("mallory-" + UUID.randomUUID());
    assertThat(http.get("/v1/conversations/" + conv + "/events?after=0", stranger).status()).isIn(403, 404);
    TestHttp.Resp noAfter = http.get("/v1/conversations/" + conv + "/events", server.mintToken("alice"));
    assertThat(noAfter.status()).isBetween(400, 422);
    assertThat(noAfter.json().has("error")).isTrue();
    TestHttp.Resp tooMany = http.get("/v1/conversations/" + conv + "/events?after=0&limit=1001", server.mintToken("alice"));
    assertThat(tooMany.status()).isBetween(400, 422);
    assertThat(tooMany.json().has("error")).isTrue();
  }
}
