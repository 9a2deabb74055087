package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Call signalling on the user topics, frame by frame over raw WebSockets. */
class CallSignallingIT {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
  private static PoolseDevServer server;
  private final List<RawSocket> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = PoolseDevServer.start(DevServerConfig.builder().clock(CLOCK).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void tearDown() {
    for (RawSocket s : sockets) {
      s.close();
      assertThat(s.specViolations).as("realtime payloads outside the AsyncAPI document").isEmpty();
    }
    assertThat(server.specViolations()).isEmpty();
  }

  /** One user's socket joined to its own user topic. */
  private final class Device {
    final String externalId;
    final UUID userId;
    final RawSocket socket;
    final String topic;

    Device(String externalId) throws Exception {
      this.externalId = externalId;
      this.userId = server.userId(externalId);
      this.socket = RawSocket.connect(server, server.mintToken(externalId));
      sockets.add(socket);
      this.topic = "user:" + userId;
      socket.send("[\"1\",\"1\",\"" + topic + "\",\"phx_join\",{}]");
      assertThat(socket.await(RawSocket.replyTo("1")).get(4).get("status").asText()).isEqualTo("ok");
    }

    JsonNode push(String event, String payload) throws InterruptedException {
      return socket.push(topic, event, payload);
    }

    JsonNode await(String event) throws InterruptedException {
      return socket.await(RawSocket.event(topic, event)).get(4);
    }

    /** Sends a marker round trip and returns every frame before its reply: what arrived so far. */
    List<JsonNode> framesSoFar() throws InterruptedException {
      return socket.framesSoFar();
    }
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static String conversation(String owner, String... others) {
    return new TestHttp(server.apiUrl()).post("/v1/conversations", server.mintToken(owner),
        "{\"type\":\"group\",\"member_external_ids\":" + TestHttp.json(List.of(others)) + "}").json().get("id").asText();
  }

  private static String invite(String conv, String media) {
    return "{\"conversation_id\":\"" + conv + "\",\"media\":\"" + media + "\"}";
  }

  private static String answer(JsonNode incoming) {
    return "{\"call_id\":\"" + incoming.get("call_id").asText() + "\",\"conversation_id\":\""
        + incoming.get("conversation_id").asText() + "\",\"caller_user_id\":\""
        + incoming.get("caller_user_id").asText() + "\"}";
  }

  private static String ref(JsonNode call) {
    return "{\"call_id\":\"" + call.get("call_id").asText() + "\",\"conversation_id\":\""
        + call.get("conversation_id").asText() + "\"}";
  }

  private static boolean has(List<JsonNode> frames, String event) {
    return frames.stream().anyMatch(f -> f.get(3).asText().equals(event));
  }

  @Test
  void inviteRingsTheCalleeAndRepliesWithTheCall() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    String conv = conversation(alice.externalId, bob.externalId);
    JsonNode reply = alice.push("call:invite", invite(conv, "video"));
    assertThat(reply.get("status").asText()).isEqualTo("ok");
    JsonNode call = reply.get("response");
    assertThat(UUID.fromString(call.get("call_id").asText())).isNotNull();
    assertThat(call.get("callee_user_ids").get(0).asText()).isEqualTo(bob.userId.toString());
    assertThat(call.get("media").asText()).isEqualTo("video");
    JsonNode incoming = bob.await("call:incoming");
    assertThat(incoming.get("call_id")).isEqualTo(call.get("call_id"));
    assertThat(incoming.get("caller_user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(incoming.get("media").asText()).isEqualTo("video");
  }

  @Test
  void inviteRecordsAVoipPushForEachRegisteredDeviceOfTheCallee() throws Exception {
    Device alice = new Device(unique("alice"));
    String bobExt = unique("bob");
    String token = "voip-" + UUID.randomUUID();
    new TestHttp(server.apiUrl()).post("/v1/devices", server.mintToken(bobExt),
        "{\"token\":\"" + token + "\",\"platform\":\"ios\",\"environment\":\"sandbox\"}");
    String conv = conversation(alice.externalId, bobExt);
    JsonNode call = alice.push("call:invite", invite(conv, "audio")).get("response");
    PushOutbox.SentPush push = server.sentPushes().stream().filter(p -> p.token().equals(token)).findFirst().orElseThrow();
    assertThat(push.environment()).isEqualTo("sandbox");
    assertThat(push.payload()).containsEntry("call_id", call.get("call_id").asText())
        .containsEntry("caller_user_id", alice.userId.toString()).containsEntry("media", "audio")
        .containsEntry("has_video", false).containsEntry("sent_at", CLOCK.millis());
  }

  @Test
  void acceptTellsTheCallerWhoAnswered() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    JsonNode incoming = bob.await("call:incoming");
    assertThat(bob.push("call:accept", answer(incoming)).get("status").asText()).isEqualTo("ok");
    JsonNode accepted = alice.await("call:accepted");
    assertThat(accepted.get("user_id").asText()).isEqualTo(bob.userId.toString());
    assertThat(accepted.get("call_id")).isEqualTo(incoming.get("call_id"));
  }

  @Test
  void declineTellsTheCallerAndEndsTheCall() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    JsonNode incoming = bob.await("call:incoming");
    bob.push("call:decline", answer(incoming));
    assertThat(alice.await("call:declined").get("user_id").asText()).isEqualTo(bob.userId.toString());
    JsonNode late = bob.push("call:accept", answer(incoming));
    assertThat(late.get("response").get("reason").asText()).isEqualTo("call_ended");
  }

  @Test
  void busyIsRelayedToTheCaller() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    bob.push("call:busy", answer(bob.await("call:incoming")));
    assertThat(alice.await("call:busy").get("user_id").asText()).isEqualTo(bob.userId.toString());
  }

  @Test
  void cancelByTheCallerStopsTheRingAndRefusesALateAccept() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    JsonNode call = alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio")).get("response");
    JsonNode incoming = bob.await("call:incoming");
    assertThat(alice.push("call:cancel", ref(call)).get("status").asText()).isEqualTo("ok");
    JsonNode cancelled = bob.await("call:cancelled");
    assertThat(cancelled.get("reason").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("caller_user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(bob.push("call:accept", answer(incoming)).get("response").get("reason").asText()).isEqualTo("call_ended");
  }

  @Test
  void theServerHoldsNoRingTimer() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    JsonNode incoming = bob.await("call:incoming");
    CLOCK.advance(Duration.ofMinutes(10));
    assertThat(bob.framesSoFar()).noneMatch(f -> f.get(3).asText().equals("call:cancelled"));
    assertThat(bob.push("call:accept", answer(incoming)).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aRingTimeoutIsTheCalleesDeclineOrTheCallersCancel() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    String conv = conversation(alice.externalId, bob.externalId);
    // The callee's client gives up first: a decline.
    alice.push("call:invite", invite(conv, "audio"));
    bob.push("call:decline", answer(bob.await("call:incoming")));
    assertThat(alice.await("call:declined")).isNotNull();
    // The caller's client gives up first: a cancel.
    JsonNode call = alice.push("call:invite", invite(conv, "audio")).get("response");
    bob.await("call:incoming");
    alice.push("call:cancel", ref(call));
    assertThat(bob.await("call:cancelled").get("reason").asText()).isEqualTo("cancelled");
  }

  @Test
  void hangupByTheCallerEndsTheCallForTheCallee() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    JsonNode call = alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio")).get("response");
    bob.push("call:accept", answer(bob.await("call:incoming")));
    alice.await("call:accepted");
    assertThat(alice.push("call:hangup", ref(call)).get("status").asText()).isEqualTo("ok");
    JsonNode ended = bob.await("call:ended");
    assertThat(ended.get("user_id").asText()).isEqualTo(alice.userId.toString());
    assertThat(ended.get("reason").asText()).isEqualTo("hangup");
  }

  @Test
  void hangupByTheCalleeEndsTheCallForTheCaller() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    JsonNode call = alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio")).get("response");
    bob.push("call:accept", answer(bob.await("call:incoming")));
    assertThat(bob.push("call:hangup", ref(call)).get("status").asText()).isEqualTo("ok");
    assertThat(alice.await("call:ended").get("user_id").asText()).isEqualTo(bob.userId.toString());
    assertThat(alice.push("call:hangup", ref(call)).get("response").get("reason").asText()).isEqualTo("call_ended");
  }

  @Test
  void everyDeviceOfTheCalleeRingsAndTheOthersStopWhenOneAnswers() throws Exception {
    Device alice = new Device(unique("alice"));
    String bobExt = unique("bob");
    Device phone = new Device(bobExt);
    Device laptop = new Device(bobExt);
    alice.push("call:invite", invite(conversation(alice.externalId, bobExt), "audio"));
    JsonNode incoming = phone.await("call:incoming");
    assertThat(laptop.await("call:incoming").get("call_id")).isEqualTo(incoming.get("call_id"));
    phone.push("call:accept", answer(incoming));
    JsonNode cancelled = laptop.await("call:cancelled");
    assertThat(cancelled.get("reason").asText()).isEqualTo("answered_elsewhere");
    assertThat(phone.framesSoFar()).noneMatch(f -> f.get(3).asText().equals("call:cancelled"));
    assertThat(laptop.push("call:accept", answer(incoming)).get("response").get("reason").asText()).isEqualTo("call_ended");
  }

  @Test
  void theCallersOtherDevicesAreNotRungNorToldTheAnswer() throws Exception {
    String aliceExt = unique("alice");
    Device alice = new Device(aliceExt);
    Device aliceTablet = new Device(aliceExt);
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(aliceExt, bob.externalId), "audio"));
    bob.push("call:accept", answer(bob.await("call:incoming")));
    alice.await("call:accepted");
    List<JsonNode> tablet = aliceTablet.framesSoFar();
    assertThat(has(tablet, "call:incoming") || has(tablet, "call:accepted")).isFalse();
  }

  @Test
  void aNonMemberCannotInvite() throws Exception {
    Device eve = new Device(unique("eve"));
    String conv = conversation(unique("alice"), unique("bob"));
    assertThat(eve.push("call:invite", invite(conv, "audio")).get("response").get("reason").asText()).isEqualTo("forbidden");
  }

  @Test
  void aConversationWithNobodyElseHasNoCallees() throws Exception {
    Device alice = new Device(unique("alice"));
    String conv = conversation(alice.externalId);
    assertThat(alice.push("call:invite", invite(conv, "audio")).get("response").get("reason").asText()).isEqualTo("no_callees");
  }

  @Test
  void malformedCallPushesAreRefusedAsInvalidPayload() throws Exception {
    Device alice = new Device(unique("alice"));
    assertThat(alice.push("call:invite", "{\"conversation_id\":\"nope\"}").get("response").get("reason").asText())
        .isEqualTo("invalid_payload");
    assertThat(alice.push("call:invite", invite(conversation(alice.externalId, unique("bob")), "hologram"))
        .get("response").get("reason").asText()).isEqualTo("invalid_payload");
    assertThat(alice.push("call:accept", "{}").get("response").get("reason").asText()).isEqualTo("invalid_payload");
  }

  @Test
  void anUnknownCallIsNotFound() throws Exception {
    Device alice = new Device(unique("alice"));
    String payload = "{\"call_id\":\"" + UUID.randomUUID() + "\",\"conversation_id\":\"" + UUID.randomUUID() + "\"}";
    assertThat(alice.push("call:hangup", payload).get("response").get("reason").asText()).isEqualTo("not_found");
  }

  @Test
  void onlyTheCallerMayCancelAndOnlyACalleeMayAnswer() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    JsonNode call = alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio")).get("response");
    JsonNode incoming = bob.await("call:incoming");
    assertThat(bob.push("call:cancel", ref(call)).get("response").get("reason").asText()).isEqualTo("forbidden");
    assertThat(alice.push("call:accept", answer(incoming)).get("response").get("reason").asText()).isEqualTo("forbidden");
  }

  @Test
  void theCallersSocketDroppingDuringTheRingCancelsIt() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    bob.await("call:incoming");
    alice.socket.close();
    assertThat(bob.await("call:cancelled").get("reason").asText()).isEqualTo("caller_disconnected");
  }

  @Test
  void aPartysSocketDroppingDuringTheCallEndsItForTheOther() throws Exception {
    Device alice = new Device(unique("alice"));
    Device bob = new Device(unique("bob"));
    alice.push("call:invite", invite(conversation(alice.externalId, bob.externalId), "audio"));
    bob.push("call:accept", answer(bob.await("call:incoming")));
    alice.await("call:accepted");
    bob.socket.close();
    JsonNode ended = alice.await("call:ended");
    assertThat(ended.get("reason").asText()).isEqualTo("disconnected");
    assertThat(ended.get("user_id").asText()).isEqualTo(bob.userId.toString());
  }

  @Test
  void aCalleeSocketDroppingDuringTheRingLeavesItsOtherDevicesRinging() throws Exception {
    Device alice = new Device(unique("alice"));
    String bobExt = unique("bob");
    Device phone = new Device(bobExt);
    Device laptop = new Device(bobExt);
    alice.push("call:invite", invite(conversation(alice.externalId, bobExt), "audio"));
    JsonNode incoming = laptop.await("call:incoming");
    phone.socket.close();
    assertThat(alice.framesSoFar()).noneMatch(f -> f.get(3).asText().startsWith("call:"));
    assertThat(laptop.push("call:accept", answer(incoming)).get("status").asText()).isEqualTo("ok");
  }
}
