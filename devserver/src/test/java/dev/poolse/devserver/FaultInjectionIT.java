package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.devserver.TestHttp.Resp;
import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fault injection through the Java API and over HTTP under /_dev/. */
@ExtendWith(PoolseDevServerExtension.class)
class FaultInjectionIT {

  static PoolseDevServer server;
  private TestHttp http;
  private String token;
  private String conversation;

  @BeforeEach
  void setUp() {
    http = new TestHttp(server.apiUrl());
    token = server.mintToken("u-" + UUID.randomUUID());
    conversation = http.post("/v1/conversations", token, "{\"type\":\"direct\"}").json().get("id").asText();
  }

  @AfterEach
  void tearDown() {
    server.faults().clear();
    assertThat(server.specViolations()).isEmpty();
  }

  private String messages() {
    return "/v1/conversations/" + conversation + "/messages";
  }

  @Test
  void failNextAnswersTheStatusWithRetryAfterThenRecovers() {
    server.faults().failNext(2, 503, Duration.ofMillis(1500), messages());
    Resp first = http.post(messages(), token, "{\"body\":\"a\"}");
    Resp second = http.post(messages(), token, "{\"body\":\"a\"}");
    Resp third = http.post(messages(), token, "{\"body\":\"a\"}");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.header("Retry-After")).isEqualTo("2");
    assertThat(first.json().path("error").path("code").asText()).isEqualTo("service_unavailable");
    assertThat(second.status()).isEqualTo(503);
    assertThat(third.status()).isEqualTo(201);
    assertThat(server.counters().messagesStored(UUID.fromString(conversation))).isEqualTo(1);
  }

  @Test
  void failNextOnlyMatchesItsPathPrefix() {
    server.faults().failNext(1, 500, null, "/v1/attachments");
    assertThat(http.get("/v1/me", token).status()).isEqualTo(200);
  }

  @Test
  void resetAfterProcessingStoresTheMessageButSendsNoResponse() {
    server.faults().resetAfterProcessing(1, messages());
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    assertThatThrownBy(() -> http.send("POST", messages(), token, "{\"body\":\"lost reply\"}", key))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    assertThat(server.counters().messagesStored(UUID.fromString(conversation))).isEqualTo(1);
    // The retry with the same key replays the stored response instead of storing a duplicate.
    Resp retry = http.send("POST", messages(), token, "{\"body\":\"lost reply\"}", key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(server.counters().messagesStored(UUID.fromString(conversation))).isEqualTo(1);
  }

  @Test
  void delayedResponsesStillArrive() {
    server.faults().delayResponses(Duration.ofMillis(150));
    long start = System.nanoTime();
    assertThat(http.get("/v1/me", token).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(server.faults().delaysInjected()).isPositive();
  }

  @Test
  void failRatioIsRepeatableForASeed() {
    server.faults().failRatio(0.5, 42, "/v1/me");
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      first.append(outcome()).append(',');
    }
    server.faults().failRatio(0.5, 42, "/v1/me");
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      second.append(outcome()).append(',');
    }
    assertThat(second.toString()).isEqualTo(first.toString()).contains("200");
    assertThat(first.toString()).containsAnyOf("500", "503", "429", "reset");
  }

  private String outcome() {
    try {
      return Integer.toString(http.get("/v1/me", token).status());
    } catch (UncheckedIOException e) {
      return "reset";
    }
  }

  @Test
  void expireAllTokensRejectsEarlierTokens() {
    server.faults().expireAllTokens();
    assertThat(http.get("/v1/me", token).status()).isEqualTo(401);
    assertThat(http.get("/v1/me", server.mintToken("fresh-" + UUID.randomUUID())).status()).isEqualTo(200);
  }

  @Test
  void httpControlRoutesInjectAndClearFaults() {
    Resp set = http.post("/_dev/faults", null,
        "{\"fail_next\":{\"count\":1,\"status\":429,\"retry_after_seconds\":3,\"path_prefix\":\"/v1/me\"}}");
    assertThat(set.status()).isEqualTo(204);
    Resp limited = http.get("/v1/me", token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("3");
    http.post("/_dev/faults", null, "{\"fail_next\":{\"count\":5,\"status\":500}}");
    assertThat(http.delete("/_dev/faults", null).status()).isEqualTo(204);
    assertThat(http.get("/v1/me", token).status()).isEqualTo(200);
  }

  @Test
  void httpCountersReportStoredMessages() {
    http.post(messages(), token, "{\"body\":\"counted\"}");
    Resp counters = http.get("/_dev/counters", null);
    assertThat(counters.status()).isEqualTo(200);
    assertThat(counters.json().get("messages_stored").get(conversation).asLong()).isEqualTo(1);
  }

  @Test
  void httpTokenExpiryAndSocketDropRoutesAnswer204() {
    assertThat(http.post("/_dev/sockets/drop", null, null).status()).isEqualTo(204);
    assertThat(http.post("/_dev/tokens/expire", null, null).status()).isEqualTo(204);
    assertThat(http.get("/v1/me", token).status()).isEqualTo(401);
  }

  @Test
  void controlRoutesAre404WithoutAdmin() {
    try (PoolseDevServer plain = PoolseDevServer.start(DevServerConfig.builder().admin(false).build())) {
      assertThat(new TestHttp(plain.apiUrl()).get("/_dev/counters", null).status()).isEqualTo(404);
    }
  }
}
