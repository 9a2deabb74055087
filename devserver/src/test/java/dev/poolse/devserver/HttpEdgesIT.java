package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP edges, from raw sockets: every error carries the envelope and its own status, bodies
 * are strict UTF-8 JSON, 401 carries a Bearer challenge, HEAD answers every GET route.
 */
@ExtendWith(PoolseDevServerExtension.class)
class HttpEdgesIT {

  static PoolseDevServer server;

  @AfterEach
  void noSpecViolations() {
    assertThat(server.specViolations()).isEmpty();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static Map<String, String> json(String token) {
    return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
  }

  private String conversation(String token) throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/conversations", json(token),
          "{\"type\":\"group\",\"name\":\"Team\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(201);
      return r.json().get("id").asText();
    }
  }

  // ---- statuses with the envelope ----

  @Test
  void oversizedUriIs414Envelope() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/conversations?cursor=" + "a".repeat(5000), Map.of(), null);
      assertThat(r.status()).isEqualTo(414);
      assertThat(r.code()).isEqualTo("uri_too_long");
      assertThat(r.header("content-type")).startsWith("application/json");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void oversizedHeadersAre431Envelope() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/me", Map.of("X-Padding", "p".repeat(10_000)), null);
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.code()).isEqualTo("headers_too_large");
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void oversizedBodyAnnouncedWithExpectContinueIs413Envelope() throws Exception {
    try (PoolseDevServer small = PoolseDevServer.start(DevServerConfig.builder().maxBodyBytes(1024).maxAttachmentBytes(1024).build());
        RawHttp c = new RawHttp(small.apiUrl())) {
      c.write("POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + small.apiKey()
          + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.code()).isEqualTo("payload_too_large");
      assertThat(r.header("x-request-id")).isNotBlank();
    }
  }

  @Test
  void oversizedBodyWithoutExpectIs413Envelope() throws Exception {
    try (PoolseDevServer small = PoolseDevServer.start(DevServerConfig.builder().maxBodyBytes(1024).maxAttachmentBytes(1024).build());
        RawHttp c = new RawHttp(small.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/users", json(small.apiKey()),
          ("{\"external_id\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.code()).isEqualTo("payload_too_large");
    }
  }

  @Test
  void jsonBodyOverTheBodyLimitIsRefusedBeforeItIsSent() throws Exception {
    // Attachments may be far larger than JSON bodies; a JSON body announced above maxBodyBytes is
    // answered on its headers alone, without the server reading (or the client sending) the body.
    try (PoolseDevServer small = PoolseDevServer.start(
            DevServerConfig.builder().maxBodyBytes(1024).maxAttachmentBytes(10 * 1024 * 1024).build());
        RawHttp c = new RawHttp(small.apiUrl())) {
      c.write("POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + small.apiKey()
          + "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.code()).isEqualTo("payload_too_large");
      assertThat(r.json().path("error").path("message").asText()).contains("1024 bytes");
    }
  }

  @Test
  void bodyThatIsNotUtf8Is400AndStoresNothing() throws Exception {
    String token = server.mintToken(unique("u"));
    String conv = conversation(token);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"body\":\"caf".getBytes(StandardCharsets.UTF_8));
    body.write(0xE9); // Latin-1 é: not UTF-8
    body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/conversations/" + conv + "/messages", json(token), body.toByteArray());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.code()).isEqualTo("malformed_request");
      assertThat(r.json().path("error").path("message").asText()).contains("UTF-8");
    }
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isZero();
  }

  @Test
  void loneSurrogateEscapeIs400AndStoresNothing() throws Exception {
    String token = server.mintToken(unique("u"));
    String conv = conversation(token);
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/conversations/" + conv + "/messages", json(token),
          "{\"body\":\"hi \\ud800 there\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.code()).isEqualTo("malformed_request");
      assertThat(r.json().path("error").path("message").asText()).contains("surrogate").contains("/body");
    }
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isZero();
  }

  @Test
  void pairedSurrogateEscapeIsAcceptedAndServedBackAsUtf8() throws Exception {
    String token = server.mintToken(unique("u"));
    String conv = conversation(token);
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/conversations/" + conv + "/messages", json(token),
          "{\"body\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().get("body").asText()).isEqualTo("\uD83D\uDE00");
    }
  }

  @Test
  void duplicateJsonKeyIs400() throws Exception {
    String token = server.mintToken(unique("u"));
    String conv = conversation(token);
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("POST", "/v1/conversations/" + conv + "/messages", json(token),
          "{\"body\":\"one\",\"body\":\"two\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.code()).isEqualTo("malformed_request");
      assertThat(r.json().path("error").path("message").asText()).contains("duplicate key").contains("body");
    }
    assertThat(server.counters().messagesStored(UUID.fromString(conv))).isZero();
  }

  @Test
  void missingCredentialIs401WithABearerChallenge() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/me", Map.of(), null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.code()).isEqualTo("unauthorized");
      assertThat(r.header("www-authenticate")).isEqualTo("Bearer realm=\"poolse\"");
    }
  }

  @Test
  void invalidTokenIs401WithAnInvalidTokenChallenge() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/me", bearer("not-a-jwt"), null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("www-authenticate")).isEqualTo("Bearer realm=\"poolse\", error=\"invalid_token\"");
    }
  }

  @Test
  void headAnswersAGetRouteWithItsHeadersAndNoBody() throws Exception {
    String token = server.mintToken(unique("u"));
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response get = c.exchange("GET", "/v1/me", bearer(token), null);
      RawHttp.Response head = c.exchange("HEAD", "/v1/me", bearer(token), null);
      // The next response on the same connection parses cleanly only if HEAD sent no body bytes.
      RawHttp.Response after = c.exchange("GET", "/v1/me", bearer(token), null);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-type")).isEqualTo(get.header("content-type"));
      assertThat(head.header("content-length")).isEqualTo(get.header("content-length")).isNotEqualTo("0");
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.json().get("id").asText()).isEqualTo(get.json().get("id").asText());
    }
  }

  @Test
  void headAnswersTheSpecDocuments() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response head = c.exchange("HEAD", "/spec/openapi.yaml", Map.of(), null);
      RawHttp.Response after = c.exchange("GET", "/spec/openapi.yaml", Map.of(), null);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isEqualTo(Integer.toString(after.body().length));
      assertThat(new String(after.body(), StandardCharsets.UTF_8)).startsWith("openapi");
    }
  }
}
