package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The voice room topic frame by frame over raw WebSockets. */
@ExtendWith(PoolseDevServerExtension.class)
class VoiceRoomsIT {
  static PoolseDevServer server;
  private final List<RawSocket> sockets = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (RawSocket s : sockets) {
      s.close();
      assertThat(s.specViolations).as("realtime payloads outside the AsyncAPI document").isEmpty();
    }
    assertThat(server.specViolations()).isEmpty();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static String conversation(String owner, String... others) {
    return new TestHttp(server.apiUrl()).post("/v1/conversations", server.mintToken(owner),
        "{\"type\":\"group\",\"member_external_ids\":" + TestHttp.json(List.of(others)) + "}").json().get("id").asText();
  }

  /** One user's socket on a room's topic. */
  private final class Member {
    final UUID userId;
    final RawSocket socket;
    final String topic;

    Member(String externalId, String conversationId) throws Exception {
      this.userId = server.userId(externalId);
      this.socket = RawSocket.connect(server, server.mintToken(externalId));
      sockets.add(socket);
      this.topic = "voice:conversation:" + conversationId;
    }

    JsonNode joinTopic() throws InterruptedException {
      socket.send("[\"1\",\"1\",\"" + topic + "\",\"phx_join\",{}]");
      return socket.await(RawSocket.replyTo("1")).get(4);
    }

    /** Joins the topic and enters the room; returns once the roster arrived. */
    Member enter() throws InterruptedException {
      assertThat(joinTopic().get("status").asText()).isEqualTo("ok");
      assertThat(push("voice:join", "{\"muted\":false,\"speaking\":false}").get("status").asText()).isEqualTo("ok");
      socket.await(RawSocket.event(topic, "voice:presence_state"));
      return this;
    }

    JsonNode push(String event, String payload) throws InterruptedException {
      return socket.push(topic, event, payload);
    }

    JsonNode await(String event) throws InterruptedException {
      return socket.await(RawSocket.event(topic, event)).get(4);
    }

    /** Every frame received before a heartbeat round trip: what arrived so far. */
    List<JsonNode> framesSoFar() throws InterruptedException {
      return socket.framesSoFar();
    }
  }

  @Test
  void onlyMembersMayJoinTheTopic() throws Exception {
    String conv = conversation(unique("alice"), unique("bob"));
    JsonNode reply = new Member(unique("eve"), conv).joinTopic();
    assertThat(reply.get("response").get("reason").asText()).isEqualTo("forbidden");
  }

  @Test
  void yourOwnVoiceJoinedComesFirstThenTheRoster() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member bob = new Member(b, conv).enter();
    Member alice = new Member(a, conv);
    alice.joinTopic();
    alice.push("voice:join", "{\"muted\":true,\"speaking\":false}");
    List<JsonNode> frames = new ArrayList<>();
    frames.add(alice.socket.await(f -> f.get(3).asText().startsWith("voice:")));
    frames.add(alice.socket.await(f -> f.get(3).asText().startsWith("voice:")));
    assertThat(frames.get(0).get(3).asText()).isEqualTo("voice:joined");
    assertThat(frames.get(0).get(4).get("user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(frames.get(1).get(3).asText()).isEqualTo("voice:presence_state");
    JsonNode roster = frames.get(1).get(4);
    assertThat(roster.get(alice.userId.toString()).get("metas").get(0).get("mute_state").asBoolean()).isTrue();
    assertThat(roster.has(bob.userId.toString())).isTrue();
    assertThat(bob.await("voice:joined").get("user_id").asText()).isEqualTo(alice.userId.toString());
  }

  @Test
  void muteReachesEveryoneInTheRoomTheSenderIncluded() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    alice.push("voice:mute", "{\"muted\":true}");
    assertThat(bob.await("voice:mute").get("muted").asBoolean()).isTrue();
    assertThat(alice.await("voice:mute").get("user_id").asText()).isEqualTo(alice.userId.toString());
    alice.push("voice:unmute", "{\"muted\":false}");
    assertThat(bob.await("voice:mute").get("muted").asBoolean()).isFalse();
  }

  @Test
  void activeSpeakerReachesTheRoom() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    alice.push("voice:active_speaker", "{\"speaking\":true}");
    JsonNode ev = bob.await("voice:active_speaker");
    assertThat(ev.get("user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(ev.get("speaking").asBoolean()).isTrue();
  }

  @Test
  void aSignalGoesOnlyToItsTargetWithTheSender() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String c = unique("carol");
    String conv = conversation(a, b, c);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    Member carol = new Member(c, conv).enter();
    JsonNode reply = alice.push("voice:signal", "{\"type\":\"offer\",\"target_user_id\":\"" + bob.userId
        + "\",\"data\":{\"sdp\":\"v=0\"}}");
    assertThat(reply.get("status").asText()).isEqualTo("ok");
    JsonNode signal = bob.await("voice:signal");
    assertThat(signal.get("from_user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(signal.get("data").get("sdp").asText()).isEqualTo("v=0");
    assertThat(carol.framesSoFar()).noneMatch(f -> f.get(3).asText().equals("voice:signal"));
    assertThat(alice.framesSoFar()).noneMatch(f -> f.get(3).asText().equals("voice:signal"));
  }

  @Test
  void aSignalWithoutDataIsRefusedAndNotRelayed() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    JsonNode reply = alice.push("voice:signal", "{\"type\":\"answer\",\"target_user_id\":\"" + bob.userId + "\",\"data\":{}}");
    assertThat(reply.get("response").get("reason").asText()).isEqualTo("invalid_signal");
    assertThat(bob.framesSoFar()).noneMatch(f -> f.get(3).asText().equals("voice:signal"));
  }

  @Test
  void pushesBeforeVoiceJoinAreNotInTheRoom() throws Exception {
    String a = unique("alice");
    Member alice = new Member(a, conversation(a, unique("bob")));
    alice.joinTopic();
    assertThat(alice.push("voice:mute", "{\"muted\":true}").get("response").get("reason").asText()).isEqualTo("not_in_room");
  }

  @Test
  void leavingTellsTheOthers() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    alice.push("voice:leave", "{}");
    assertThat(bob.await("voice:left").get("user_id").asText()).isEqualTo(alice.userId.toString());
  }

  @Test
  void aDroppedSocketLeavesTheRoom() throws Exception {
    String a = unique("alice");
    String b = unique("bob");
    String conv = conversation(a, b);
    Member alice = new Member(a, conv).enter();
    Member bob = new Member(b, conv).enter();
    alice.socket.close();
    assertThat(bob.await("voice:left").get("user_id").asText()).isEqualTo(alice.userId.toString());
  }
}
