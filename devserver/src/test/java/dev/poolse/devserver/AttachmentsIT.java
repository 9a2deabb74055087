package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.devserver.TestHttp.Resp;
import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The presigned upload flow: upload-url, PUT, link by a message, download. */
@ExtendWith(PoolseDevServerExtension.class)
class AttachmentsIT {

  static PoolseDevServer server;
  private TestHttp http;
  private String token;
  private String conversation;

  @BeforeEach
  void setUp() {
    http = new TestHttp(server.apiUrl());
    String user = "u-" + UUID.randomUUID();
    token = server.mintToken(user);
    conversation = http.post("/v1/conversations", token, "{\"type\":\"direct\"}").json().get("id").asText();
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(server.specViolations()).isEmpty();
  }

  private JsonNode presign(String contentType, long size) {
    Resp r = http.post("/v1/attachments/upload-url", token,
        "{\"content_type\":\"" + contentType + "\",\"byte_size\":" + size + ",\"original_filename\":\"a.txt\"}");
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  private Resp put(JsonNode presigned, String contentType, String bytes) {
    return http.send("PUT", presigned.get("upload").get("url").asText(), null, bytes, Map.of("Content-Type", contentType));
  }

  @Test
  void uploadIsHashedLinkedAndReady() throws Exception {
    JsonNode p = presign("text/plain", 5);
    assertThat(p.get("attachment").get("status").asText()).isEqualTo("pending");
    assertThat(p.get("upload").get("headers").get("Content-Type").asText()).isEqualTo("text/plain");
    assertThat(put(p, "text/plain", "hello").status()).isEqualTo(200);
    String id = p.get("attachment").get("id").asText();
    Resp msg = http.post("/v1/conversations/" + conversation + "/messages", token, "{\"attachment_ids\":[\"" + id + "\"]}");
    assertThat(msg.status()).isEqualTo(201);
    JsonNode a = msg.json().get("attachments").get(0);
    assertThat(a.get("status").asText()).isEqualTo("ready");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(a.get("sha256").asText()).isEqualTo(sha);
    assertThat(a.get("message_id").asText()).isEqualTo(msg.json().get("id").asText());
  }

  @Test
  void downloadUrlServesTheBytes() {
    JsonNode p = presign("text/plain", 3);
    put(p, "text/plain", "abc");
    Resp url = http.get("/v1/attachments/" + p.get("attachment").get("id").asText() + "/download-url", token);
    assertThat(url.status()).isEqualTo(200);
    assertThat(url.json().get("method").asText()).isEqualTo("get");
    Resp bytes = http.get(url.json().get("url").asText(), null);
    assertThat(new String(bytes.raw().body(), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(bytes.header("Content-Type")).isEqualTo("text/plain");
  }

  @Test
  void putWithAnotherContentTypeIs400() {
    Resp r = put(presign("image/png", 3), "text/plain", "abc");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").path("details").has("content_type")).isTrue();
  }

  @Test
  void putWithAnotherLengthIs400() {
    Resp r = put(presign("text/plain", 4), "text/plain", "abc");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").path("details").has("byte_size")).isTrue();
  }

  @Test
  void tamperedSignatureIsForbidden() {
    JsonNode p = presign("text/plain", 3);
    String url = p.get("upload").get("url").asText().replaceAll("sig=[0-9a-f]+", "sig=00");
    Resp r = http.send("PUT", url, null, "abc", Map.of("Content-Type", "text/plain"));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void declaredSizeOverTheLimitIsAttachmentTooLarge() {
    Resp r = http.post("/v1/attachments/upload-url", token,
        "{\"content_type\":\"video/mp4\",\"byte_size\":" + (server.config().maxAttachmentBytes() + 1) + "}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.code()).isEqualTo("attachment_too_large");
  }

  @Test
  void attachmentNotUploadedCannotBeSent() {
    String id = presign("text/plain", 3).get("attachment").get("id").asText();
    Resp r = http.post("/v1/conversations/" + conversation + "/messages", token, "{\"attachment_ids\":[\"" + id + "\"]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(server.counters().messagesStored(UUID.fromString(conversation))).isZero();
  }

  @Test
  void senderDeletesTheAttachment() {
    String id = presign("text/plain", 3).get("attachment").get("id").asText();
    assertThat(http.delete("/v1/attachments/" + id, token).status()).isEqualTo(204);
    assertThat(http.get("/v1/attachments/" + id + "/download-url", token).status()).isEqualTo(404);
  }
}
