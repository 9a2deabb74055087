package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.devserver.TestHttp.Resp;
import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every REST route of the OpenAPI document, with its semantics and its error cases. */
@ExtendWith(PoolseDevServerExtension.class)
class RestApiIT {

  static PoolseDevServer server;
  private TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(server.apiUrl());
  }

  @AfterEach
  void noSpecViolations() {
    server.faults().clear();
    assertThat(server.specViolations()).isEmpty();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private String token(String externalId) {
    return server.mintToken(externalId);
  }

  private String createConversation(String token, String... others) {
    String members = TestHttp.json(List.of(others));
    Resp r = http.post("/v1/conversations", token, "{\"type\":\"group\",\"name\":\"Team\",\"member_external_ids\":" + members + "}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private JsonNode sendText(String token, String conversationId, String body) {
    Resp r = http.post("/v1/conversations/" + conversationId + "/messages", token, "{\"body\":" + TestHttp.json(body) + "}");
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  // ---- users and tokens ----

  @Test
  void createUserIsIdempotentOnExternalId() {
    String ext = unique("alice");
    Resp first = http.post("/v1/users", server.apiKey(), "{\"external_id\":\"" + ext + "\",\"display_name\":\"Alice\"}");
    Resp second = http.post("/v1/users", server.apiKey(), "{\"external_id\":\"" + ext + "\"}");
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(second.json().get("display_name").asText()).isEqualTo("Alice");
  }

  @Test
  void mintedTokenAuthenticatesGetMe() {
    String ext = unique("bob");
    Resp user = http.post("/v1/users", server.apiKey(), "{\"external_id\":\"" + ext + "\"}");
    Resp token = http.post("/v1/users/" + user.json().get("id").asText() + "/tokens", server.apiKey(), null);
    assertThat(token.status()).isEqualTo(201);
    Resp me = http.get("/v1/me", token.json().get("token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("external_id").asText()).isEqualTo(ext);
  }

  @Test
  void tokenForUnknownUserIsUserNotFound() {
    Resp r = http.post("/v1/users/" + UUID.randomUUID() + "/tokens", server.apiKey(), null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("user_not_found");
  }

  @Test
  void userRoutesRejectAWrongApiKey() {
    Resp r = http.post("/v1/users", "pk_wrong", "{\"external_id\":\"x\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("unauthorized");
  }

  @Test
  void apiKeyOnAnEndUserRouteIsRefusedNamingTheRightCredential() {
    Resp r = http.get("/v1/me", server.apiKey());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("invalid_user_token");
    assertThat(r.json().path("error").path("message").asText()).contains("not the tenant API key");
  }

  @Test
  void endUserTokenOnAnApiKeyRouteIsRefusedNamingTheRightCredential() {
    Resp r = http.post("/v1/users", server.mintToken(unique("carol")), "{\"external_id\":\"x\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("unauthorized");
    assertThat(r.json().path("error").path("message").asText()).contains("not an end-user token");
  }

  @Test
  void badTokenIs401WithEnvelope() {
    Resp r = http.get("/v1/me", "not-a-jwt");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("invalid_user_token");
    assertThat(r.json().path("error").path("doc_url").asText()).startsWith("https://");
  }

  @Test
  void missingTokenIs401Unauthorized() {
    Resp r = http.get("/v1/me", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("unauthorized");
  }

  @Test
  void expiredTokenIs401() {
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (PoolseDevServer timed = PoolseDevServer.start(DevServerConfig.builder().clock(clock).build())) {
      TestHttp h = new TestHttp(timed.apiUrl());
      String t = timed.mintToken("alice", Duration.ofMinutes(5));
      assertThat(h.get("/v1/me", t).status()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(5));
      Resp r = h.get("/v1/me", t);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.code()).isEqualTo("invalid_user_token");
      assertThat(r.json().path("error").path("message").asText()).contains("expired");
      assertThat(timed.specViolations()).isEmpty();
    }
  }

  // ---- cross-cutting errors ----

  @Test
  void unknownRouteIs404Envelope() {
    Resp r = http.get("/v1/nope", token(unique("u")));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("not_found");
  }

  @Test
  void wrongMethodIs405WithAllow() {
    Resp r = http.send("PUT", "/v1/conversations", token(unique("u")), "{}", Map.of());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.code()).isEqualTo("method_not_allowed");
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void malformedJsonIs400AndStoresNothing() {
    String t = token(unique("u"));
    String conv = createConversation(t);
    Resp r = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("malformed_request");
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isZero();
  }

  @Test
  void wrongTypeIsValidationFailedNamingTheField() {
    String t = token(unique("u"));
    String conv = createConversation(t);
    Resp r = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":42}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("validation_failed");
    assertThat(r.json().path("error").path("details").has("body")).isTrue();
  }

  @Test
  void missingRequiredFieldIsNamedInDetails() {
    Resp r = http.post("/v1/conversations", token(unique("u")), "{\"name\":\"x\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("error").path("details").has("type")).isTrue();
  }

  @Test
  void blankBodyWithoutAttachmentsIsValidationFailed() {
    String t = token(unique("u"));
    String conv = createConversation(t);
    Resp r = http.post("/v1/conversations/" + conv + "/messages", t, "{}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("error").path("details").has("body")).isTrue();
  }

  @Test
  void invalidQueryParameterIsValidationFailed() {
    String t = token(unique("u"));
    String conv = createConversation(t);
    Resp r = http.get("/v1/conversations/" + conv + "/messages?limit=0", t);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("error").path("details").has("limit")).isTrue();
  }

  @Test
  void oversizedBodyIs413Envelope() {
    String t = token(unique("u"));
    String conv = createConversation(t);
    String big = "x".repeat(server.config().maxBodyBytes() + 10);
    Resp r = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":\"" + big + "\"}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.code()).isEqualTo("payload_too_large");
  }

  @Test
  void nonUuidPathIdIs404() {
    Resp r = http.get("/v1/conversations/not-a-uuid", token(unique("u")));
    assertThat(r.status()).isEqualTo(404);
  }

  // ---- conversations and members ----

  @Test
  void creatorBecomesOwnerAndMembersAreProvisioned() {
    String t = token(unique("owner"));
    String bob = unique("bob");
    String conv = createConversation(t, bob);
    Resp members = http.get("/v1/conversations/" + conv + "/members", t);
    assertThat(members.status()).isEqualTo(200);
    assertThat(members.json().get("data")).hasSize(2);
    assertThat(members.json().get("data").get(0).get("role").asText()).isEqualTo("owner");
    assertThat(members.json().get("data").get(1).get("external_id").asText()).isEqualTo(bob);
  }

  @Test
  void nonMemberGetsForbidden() {
    String conv = createConversation(token(unique("a")));
    Resp r = http.get("/v1/conversations/" + conv, token(unique("stranger")));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("forbidden");
  }

  @Test
  void patchAppliesPresentFieldsAndClearsExplicitNulls() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    Resp r = http.patch("/v1/conversations/" + conv, t, "{\"name\":null,\"settings\":{\"muted\":true}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("name").isNull()).isTrue();
    assertThat(r.json().get("settings").get("muted").asBoolean()).isTrue();
  }

  @Test
  void plainMemberCannotAddMembers() {
    String bob = unique("bob");
    String conv = createConversation(token(unique("a")), bob);
    Resp r = http.post("/v1/conversations/" + conv + "/members", token(bob), "{\"external_ids\":[\"carol\"]}");
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void ownerAddsAndRemovesMembers() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String carol = unique("carol");
    Resp added = http.post("/v1/conversations/" + conv + "/members", t,
        "{\"external_ids\":[\"" + carol + "\"],\"role\":\"admin\"}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.json().get("data").get(0).get("role").asText()).isEqualTo("admin");
    Resp removed = http.delete("/v1/conversations/" + conv + "/members/" + server.userId(carol), t);
    assertThat(removed.status()).isEqualTo(204);
    assertThat(http.get("/v1/conversations/" + conv + "/members", t).json().get("data")).hasSize(1);
  }

  // ---- messages ----

  @Test
  void sequencesAreConsecutiveAndFeedIsNewestFirst() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    for (int i = 1; i <= 3; i++) {
      assertThat(sendText(t, conv, "m" + i).get("sequence").asLong()).isEqualTo(i);
    }
    Resp page = http.get("/v1/conversations/" + conv + "/messages?limit=2", t);
    assertThat(page.json().get("data").get(0).get("body").asText()).isEqualTo("m3");
    assertThat(page.json().get("data")).hasSize(2);
    Resp older = http.get("/v1/conversations/" + conv + "/messages?before=2", t);
    assertThat(older.json().get("data")).hasSize(1);
    assertThat(older.json().get("data").get(0).get("sequence").asLong()).isEqualTo(1);
  }

  @Test
  void clientIdResendReturnsTheOriginal() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String id = UUID.randomUUID().toString();
    String body = "{\"id\":\"" + id + "\",\"body\":\"once\"}";
    Resp first = http.post("/v1/conversations/" + conv + "/messages", t, body);
    Resp again = http.post("/v1/conversations/" + conv + "/messages", t, body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(id);
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isEqualTo(1);
  }

  @Test
  void idempotencyKeyReplaysTheFirstResponse() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    Resp first = http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"hi\"}", key);
    Resp replay = http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"hi\"}", key);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.json()).isEqualTo(first.json());
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isEqualTo(1);
  }

  @Test
  void concurrentRetriesWithOneKeyStoreOneMessage() throws Exception {
    String t = token(unique("a"));
    String conv = createConversation(t);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Resp>> sent = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sent.add(pool.submit(() -> http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"once\"}", key)));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<Resp> f : sent) {
        Resp r = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(201);
        ids.add(r.json().get("id").asText());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isEqualTo(1);
  }

  @Test
  void idempotencyKeyWithAnotherBodyIsRejected() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"hi\"}", key);
    Resp reused = http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"other\"}", key);
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.code()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void errorsAreNotCachedUnderAnIdempotencyKey() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    server.faults().failNext(1, 503, null, "/v1/conversations/" + conv);
    Resp failed = http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"hi\"}", key);
    Resp retried = http.send("POST", "/v1/conversations/" + conv + "/messages", t, "{\"body\":\"hi\"}", key);
    assertThat(failed.status()).isEqualTo(503);
    assertThat(retried.status()).isEqualTo(201);
  }

  @Test
  void onlyTheSenderEditsAndEditedAtIsSet() {
    String bob = unique("bob");
    String t = token(unique("a"));
    String conv = createConversation(t, bob);
    String id = sendText(t, conv, "draft").get("id").asText();
    assertThat(http.patch("/v1/messages/" + id, token(bob), "{\"body\":\"hijack\"}").status()).isEqualTo(403);
    Resp edited = http.patch("/v1/messages/" + id, t, "{\"body\":\"final\"}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("edited_at").isNull()).isFalse();
  }

  @Test
  void deleteIsSoftAndRepeatable() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String id = sendText(t, conv, "bye").get("id").asText();
    assertThat(http.delete("/v1/messages/" + id, t).status()).isEqualTo(204);
    assertThat(http.delete("/v1/messages/" + id, t).status()).isEqualTo(204);
    JsonNode m = http.get("/v1/conversations/" + conv + "/messages", t).json().get("data").get(0);
    assertThat(m.get("body").isNull()).isTrue();
    assertThat(m.get("deleted_at").isNull()).isFalse();
    Resp edit = http.patch("/v1/messages/" + id, t, "{\"body\":\"again\"}");
    assertThat(edit.status()).isEqualTo(410);
    assertThat(edit.code()).isEqualTo("message_deleted");
  }

  @Test
  void threadRepliesStayOutOfTheFeedAndCountOnTheRoot() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String root = sendText(t, conv, "root").get("id").asText();
    Resp reply = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":\"r1\",\"reply_to_id\":\"" + root + "\"}");
    String r1 = reply.json().get("id").asText();
    Resp nested = http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":\"r2\",\"reply_to_id\":\"" + r1 + "\"}");
    assertThat(nested.json().get("thread_root_id").asText()).isEqualTo(root);
    JsonNode feed = http.get("/v1/conversations/" + conv + "/messages", t).json().get("data");
    assertThat(feed).hasSize(1);
    assertThat(feed.get(0).get("reply_count").asInt()).isEqualTo(2);
    JsonNode replies = http.get("/v1/messages/" + root + "/replies", t).json().get("data");
    assertThat(replies.get(0).get("body").asText()).isEqualTo("r1");
    assertThat(http.get("/v1/messages/" + root + "/replies?after=" + replies.get(0).get("sequence").asLong(), t)
        .json().get("data")).hasSize(1);
  }

  @Test
  void quoteCarriesAPreviewThatEmptiesWhenTheOriginalIsDeleted() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String original = sendText(t, conv, "y".repeat(300)).get("id").asText();
    Resp quoting = http.post("/v1/conversations/" + conv + "/messages", t,
        "{\"body\":\"see above\",\"quoted_message_id\":\"" + original + "\"}");
    assertThat(quoting.json().get("quoted_message").get("body").asText()).hasSize(200);
    http.delete("/v1/messages/" + original, t);
    JsonNode feed = http.get("/v1/conversations/" + conv + "/messages", t).json().get("data");
    assertThat(feed.get(0).get("quoted_message").get("body").isNull()).isTrue();
  }

  @Test
  void reactionsWithMultiByteEmojiAddAndRemove() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String id = sendText(t, conv, "nice").get("id").asText();
    String emoji = "\uD83D\uDC4D\uD83C\uDFFD";
    Resp added = http.post("/v1/messages/" + id + "/reactions", t, "{\"emoji\":\"" + emoji + "\"}");
    assertThat(added.json().get("reactions").get(emoji)).hasSize(1);
    String encoded = URLEncoder.encode(emoji, StandardCharsets.UTF_8);
    Resp removed = http.delete("/v1/messages/" + id + "/reactions/" + encoded, t);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("reactions").has(emoji)).isFalse();
  }

  @Test
  void readCursorDrivesUnreadCount() {
    String bob = unique("bob");
    String t = token(unique("a"));
    String conv = createConversation(t, bob);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(sendText(t, conv, "m" + i).get("id").asText());
    }
    String bt = token(bob);
    assertThat(http.get("/v1/conversations", bt).json().get("data").get(0).get("unread_count").asLong()).isEqualTo(3);
    assertThat(http.post("/v1/conversations/" + conv + "/read", bt, "{\"message_id\":\"" + ids.get(1) + "\"}").status()).isEqualTo(204);
    assertThat(http.get("/v1/conversations", bt).json().get("data").get(0).get("unread_count").asLong()).isEqualTo(1);
    // The cursor never moves backwards.
    http.post("/v1/conversations/" + conv + "/read", bt, "{\"message_id\":\"" + ids.get(0) + "\"}");
    assertThat(http.get("/v1/conversations", bt).json().get("data").get(0).get("unread_count").asLong()).isEqualTo(1);
  }

  @Test
  void lastMessagePreviewIsTheFirst80Characters() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    sendText(t, conv, "z".repeat(100));
    assertThat(http.get("/v1/conversations/" + conv, t).json().get("last_message_preview").asText()).hasSize(80);
  }

  // ---- tenants ----

  @Test
  void anotherTenantSeesNothing() {
    String t = token(unique("a"));
    String conv = createConversation(t);
    String id = sendText(t, conv, "secret").get("id").asText();
    String otherKey = "pk_test_other_tenant";
    // The class server has one tenant; a dedicated one shows the isolation.
    try (PoolseDevServer two = PoolseDevServer.start(DevServerConfig.builder().addTenant(otherKey).build())) {
      TestHttp h2 = new TestHttp(two.apiUrl());
      String mine = two.mintToken("alice");
      String theirs = two.mintTokenForTenant(otherKey, "alice");
      Resp created = h2.post("/v1/conversations", mine, "{\"type\":\"direct\"}");
      String c2 = created.json().get("id").asText();
      assertThat(h2.get("/v1/conversations/" + c2, theirs).status()).isEqualTo(404);
      assertThat(h2.get("/v1/conversations", theirs).json().get("data")).isEmpty();
      assertThat(two.specViolations()).isEmpty();
    }
    assertThat(http.get("/v1/messages/" + id + "/replies", token(unique("x"))).status()).isEqualTo(403);
  }

  // ---- rate limit ----

  @Test
  void rateLimitAnswers429WithRetryAfter() {
    try (PoolseDevServer limited = PoolseDevServer.start(DevServerConfig.builder().rateLimit(2)
        .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)).build())) {
      TestHttp h = new TestHttp(limited.apiUrl());
      String t = limited.mintToken("alice", Duration.ofHours(1));
      assertThat(h.get("/v1/me", t).status()).isEqualTo(200);
      assertThat(h.get("/v1/me", t).status()).isEqualTo(200);
      Resp third = h.get("/v1/me", t);
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.code()).isEqualTo("rate_limited");
      assertThat(third.header("Retry-After")).isEqualTo("1");
      assertThat(limited.specViolations()).isEmpty();
    }
  }

  // ---- spec files ----

  @Test
  void servesTheSpecDocuments() {
    Resp openapi = http.get("/spec/openapi.yaml", null);
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(new String(openapi.raw().body(), StandardCharsets.UTF_8)).startsWith("openapi: 3");
    assertThat(http.get("/spec/asyncapi.yaml", null).status()).isEqualTo(200);
  }
}
