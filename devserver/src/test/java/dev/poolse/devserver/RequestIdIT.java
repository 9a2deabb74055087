package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every response carries an {@code x-request-id}: the client's own when it is safe to echo, a
 * generated one otherwise, including responses the HTTP codec writes itself.
 */
@ExtendWith(PoolseDevServerExtension.class)
class RequestIdIT {

  static PoolseDevServer server;

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  @Test
  void everyResponseCarriesAGeneratedRequestId() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response ok = c.exchange("GET", "/v1/me", bearer(server.mintToken(unique("u"))), null);
      RawHttp.Response notFound = c.exchange("GET", "/v1/nope", bearer(server.mintToken(unique("u"))), null);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(ok.header("x-request-id")).matches("req_[0-9a-f]{32}");
      assertThat(notFound.header("x-request-id")).matches("req_[0-9a-f]{32}").isNotEqualTo(ok.header("x-request-id"));
    }
  }

  @Test
  void theClientsRequestIdIsEchoed() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/me",
          Map.of("Authorization", "Bearer " + server.mintToken(unique("u")), "X-Request-Id", "trace-42.a:b/c+d=e@f_g"), null);
      assertThat(r.header("x-request-id")).isEqualTo("trace-42.a:b/c+d=e@f_g");
    }
  }

  @Test
  void aHostileRequestIdIsReplacedNotEchoed() throws Exception {
    for (String hostile : new String[] {"<script>alert(1)</script>", "a b", "x".repeat(129), "caf\u00e9", "\"quoted\""}) {
      try (RawHttp c = new RawHttp(server.apiUrl())) {
        c.write(("GET /v1/nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: " + hostile + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        RawHttp.Response r = c.read();
        assertThat(r.header("x-request-id")).as(hostile).matches("req_[0-9a-f]{32}");
      }
    }
  }

  @Test
  void responsesWrittenByTheCodecCarryARequestIdToo() throws Exception {
    try (RawHttp c = new RawHttp(server.apiUrl())) {
      RawHttp.Response r = c.exchange("GET", "/v1/" + "a".repeat(5000), Map.of(), null);
      assertThat(r.header("x-request-id")).matches("req_[0-9a-f]{32}");
    }
  }
}
