package dev.poolse.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poolse.client.PoolseJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client over java.net.http for the dev server tests. */
final class TestHttp {

  static final ObjectMapper MAPPER = PoolseJson.newObjectMapper();

  /** A response with its body parsed (MissingNode when empty or not JSON). */
  record Resp(int status, HttpResponse<byte[]> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String code() {
      return json.path("error").path("code").asText(null);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  TestHttp(URI base) {
    this.base = base;
  }

  Resp send(String method, String path, String bearer, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body != null && !headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json;
      try {
        json = r.body().length == 0 ? MissingNode.getInstance() : MAPPER.readTree(r.body());
      } catch (IOException e) {
        json = MissingNode.getInstance();
      }
      return new Resp(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Resp get(String path, String bearer) {
    return send("GET", path, bearer, null, Map.of());
  }

  Resp post(String path, String bearer, String body) {
    return send("POST", path, bearer, body, Map.of());
  }

  Resp patch(String path, String bearer, String body) {
    return send("PATCH", path, bearer, body, Map.of());
  }

  Resp delete(String path, String bearer) {
    return send("DELETE", path, bearer, null, Map.of());
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
