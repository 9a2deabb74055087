package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.devserver.TestHttp.Resp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The device, ICE-server and call-token routes over raw HTTP, with their error cases. */
class CallRoutesIT {
  private static final String SFU = "wss://sfu.example.test";
  private static final String TURN_SECRET = "turn-secret-for-tests";
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
  private static PoolseDevServer withSfu;
  private static PoolseDevServer withoutSfu;
  private TestHttp http;

  @BeforeAll
  static void start() {
    withSfu = PoolseDevServer.start(DevServerConfig.builder().clock(CLOCK).sfuUrl(SFU)
        .turnSecret(TURN_SECRET).iceTtl(Duration.ofMinutes(10)).build());
    withoutSfu = PoolseDevServer.start(DevServerConfig.defaults());
  }

  @AfterAll
  static void stop() {
    withSfu.close();
    withoutSfu.close();
  }

  @AfterEach
  void noSpecViolations() {
    withSfu.faults().clear();
    assertThat(withSfu.specViolations()).isEmpty();
    assertThat(withoutSfu.specViolations()).isEmpty();
  }

  private TestHttp http(PoolseDevServer s) {
    return new TestHttp(s.apiUrl());
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static String register(String token, String platform, String environment) {
    return "{\"token\":" + TestHttp.json(token) + ",\"platform\":\"" + platform + "\""
        + (environment == null ? "" : ",\"environment\":\"" + environment + "\"") + "}";
  }

  private static String conversation(PoolseDevServer s, String ownerToken, String... others) {
    Resp r = new TestHttp(s.apiUrl()).post("/v1/conversations", ownerToken,
        "{\"type\":\"group\",\"member_external_ids\":" + TestHttp.json(List.of(others)) + "}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  // ---- devices ----

  @Test
  void registeringANewTokenAnswers201WithoutTheToken() {
    String alice = withSfu.mintToken(unique("alice"));
    Resp r = http(withSfu).post("/v1/devices", alice, register("voip-" + UUID.randomUUID(), "ios", "sandbox"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().has("token")).isFalse();
    assertThat(r.json().get("platform").asText()).isEqualTo("ios");
    assertThat(r.json().get("environment").asText()).isEqualTo("sandbox");
  }

  @Test
  void environmentDefaultsToProduction() {
    String alice = withSfu.mintToken(unique("alice"));
    Resp r = http(withSfu).post("/v1/devices", alice, register("voip-" + UUID.randomUUID(), "android", null));
    assertThat(r.json().get("environment").asText()).isEqualTo("production");
  }

  @Test
  void reRegisteringRefreshesLastRegisteredAtAndKeepsTheId() {
    String alice = withSfu.mintToken(unique("alice"));
    String body = register("voip-" + UUID.randomUUID(), "ios", null);
    Resp first = http(withSfu).post("/v1/devices", alice, body);
    CLOCK.advance(Duration.ofMinutes(5));
    Resp again = http(withSfu).post("/v1/devices", alice, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(Instant.parse(again.json().get("last_registered_at").asText()))
        .isEqualTo(Instant.parse(first.json().get("last_registered_at").asText()).plus(Duration.ofMinutes(5)));
  }

  @Test
  void aTokenRegisteredByAnotherUserMovesToTheNewUser() {
    String token = "voip-" + UUID.randomUUID();
    String alice = withSfu.mintToken(unique("alice"));
    String bobExt = unique("bob");
    String bob = withSfu.mintToken(bobExt);
    http(withSfu).post("/v1/devices", alice, register(token, "ios", null));
    Resp moved = http(withSfu).post("/v1/devices", bob, register(token, "ios", null));
    assertThat(moved.status()).isEqualTo(201);
    assertThat(moved.json().get("user_id").asText()).isEqualTo(withSfu.userId(bobExt).toString());
  }

  @Test
  void unknownPlatformIsRefusedWithTheErrorEnvelope() {
    Resp r = http(withSfu).post("/v1/devices", withSfu.mintToken(unique("a")), register("t", "windows", null));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("validation_failed");
  }

  @Test
  void missingTokenIsRefusedWithTheErrorEnvelope() {
    Resp r = http(withSfu).post("/v1/devices", withSfu.mintToken(unique("a")), "{\"platform\":\"ios\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("validation_failed");
  }

  @Test
  void deviceRoutesNeedAUserToken() {
    Resp r = http(withSfu).post("/v1/devices", null, register("t", "ios", null));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("unauthorized");
  }

  @Test
  void unregisteringRemovesTheDeviceAndIsIdempotent() {
    String alice = withSfu.mintToken(unique("alice"));
    String token = "voip/" + UUID.randomUUID() + "+x";
    http(withSfu).post("/v1/devices", alice, register(token, "ios", null));
    String path = "/v1/devices/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    assertThat(http(withSfu).delete(path, alice).status()).isEqualTo(204);
    assertThat(http(withSfu).delete(path, alice).status()).isEqualTo(204);
    // Gone: registering again is a new registration.
    assertThat(http(withSfu).post("/v1/devices", alice, register(token, "ios", null)).status()).isEqualTo(201);
  }

  @Test
  void unregisteringAnotherUsersTokenChangesNothing() {
    String token = "voip-" + UUID.randomUUID();
    String alice = withSfu.mintToken(unique("alice"));
    String mallory = withSfu.mintToken(unique("mallory"));
    http(withSfu).post("/v1/devices", alice, register(token, "ios", null));
    assertThat(http(withSfu).delete("/v1/devices/" + token, mallory).status()).isEqualTo(204);
    assertThat(http(withSfu).post("/v1/devices", alice, register(token, "ios", null)).status()).isEqualTo(200);
  }

  @Test
  void faultInjectionAppliesToTheDeviceRoutes() {
    withSfu.faults().failNext(1, 503, null, "/v1/devices");
    String alice = withSfu.mintToken(unique("alice"));
    Resp failed = http(withSfu).post("/v1/devices", alice, register("voip-" + UUID.randomUUID(), "ios", null));
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.code()).isNotBlank();
  }

  // ---- ICE servers ----

  @Test
  void iceServersCarryStunAndTurnRestCredentials() throws Exception {
    String ext = unique("alice");
    Resp r = http(withSfu).get("/v1/ice-servers", withSfu.mintToken(ext));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("ttl_seconds").asInt()).isEqualTo(600);
    JsonNode turn = r.json().get("ice_servers").get(1);
    String username = turn.get("username").asText();
    long expiry = CLOCK.instant().getEpochSecond() + 600;
    assertThat(username).isEqualTo(expiry + ":" + withSfu.userId(ext));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    assertThat(turn.get("credential").asText()).isEqualTo(expected);
    assertThat(r.json().get("ice_servers").get(0).get("urls").get(0).asText()).startsWith("stun:");
  }

  @Test
  void faultInjectionAppliesToIceServers() {
    withSfu.faults().failNext(1, 500, null, "/v1/ice-servers");
    assertThat(http(withSfu).get("/v1/ice-servers", withSfu.mintToken(unique("a"))).status()).isEqualTo(500);
  }

  // ---- call tokens ----

  @Test
  void callTokenForAMemberPointsAtTheSfuRoom() throws Exception {
    String aliceExt = unique("alice");
    String alice = withSfu.mintToken(aliceExt);
    String conv = conversation(withSfu, alice, unique("bob"));
    Resp r = http(withSfu).post("/v1/conversations/" + conv + "/call-token", alice, null);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("url").asText()).isEqualTo(SFU);
    assertThat(r.json().get("room").asText()).isEqualTo("conversation:" + conv);
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(r.json().get("token").asText().split("\\.")[1]));
    assertThat(claims.get("sub").asText()).isEqualTo(withSfu.userId(aliceExt).toString());
    assertThat(claims.get("video").get("room").asText()).isEqualTo("conversation:" + conv);
    assertThat(r.json().get("expires_at").asLong()).isEqualTo(claims.get("exp").asLong());
  }

  @Test
  void everyCallTokenRequestMintsAFreshToken() {
    String alice = withSfu.mintToken(unique("alice"));
    String conv = conversation(withSfu, alice, unique("bob"));
    String first = http(withSfu).post("/v1/conversations/" + conv + "/call-token", alice, null).json().get("token").asText();
    String second = http(withSfu).post("/v1/conversations/" + conv + "/call-token", alice, null).json().get("token").asText();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void callTokenForANonMemberIs403() {
    String conv = conversation(withSfu, withSfu.mintToken(unique("alice")), unique("bob"));
    Resp r = http(withSfu).post("/v1/conversations/" + conv + "/call-token", withSfu.mintToken(unique("eve")), null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("forbidden");
  }

  @Test
  void callTokenForAnUnknownConversationIs404() {
    Resp r = http(withSfu).post("/v1/conversations/" + UUID.randomUUID() + "/call-token",
        withSfu.mintToken(unique("alice")), null);
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void callTokenWithoutAnSfuIs503SfuUnavailable() {
    String alice = withoutSfu.mintToken(unique("alice"));
    String conv = conversation(withoutSfu, alice, unique("bob"));
    Resp r = http(withoutSfu).post("/v1/conversations/" + conv + "/call-token", alice, null);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.code()).isEqualTo("sfu_unavailable");
  }

  @Test
  void theDevPagesListThePushOutbox() {
    Resp r = http(withSfu).get("/_dev/pushes", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data").isArray()).isTrue();
  }
}
