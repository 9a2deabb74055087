package dev.poolse.devserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private final SpecValidator validator = SpecValidator.shared();

  @Test
  void flagsAResponseMissingRequiredFields() {
    assertThat(validator.validateResponse("GET", "/v1/me", 200, Map.of("Content-Type", "application/json"),
        "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}")).isNotEmpty();
  }

  @Test
  void acceptsTheErrorEnvelope() {
    assertThat(validator.validateResponse("GET", "/v1/me", 401, Map.of("Content-Type", "application/json"),
        "{\"error\":{\"code\":\"unauthorized\",\"message\":\"m\",\"doc_url\":\"https://x\"}}")).isEmpty();
  }

  @Test
  void namesTheInvalidRequestField() {
    Map<String, Object> details = validator.validateRequest("POST", "/v1/attachments/upload-url", Map.of(),
        Map.of("Content-Type", "application/json"), "{\"content_type\":\"image/png\",\"byte_size\":\"big\"}");
    assertThat(details).containsKey("byte_size");
  }

  @Test
  void namesAMissingRequiredField() {
    Map<String, Object> details = validator.validateRequest("POST", "/v1/conversations/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/read",
        Map.of(), Map.of("Content-Type", "application/json"), "{}");
    assertThat(details).containsKey("message_id");
  }

  @Test
  void decodesMultiBytePercentEncodingAsUtf8AndKeepsPlus() {
    assertThat(HttpHandler.percentDecode("%F0%9F%91%8D")).isEqualTo("\uD83D\uDC4D");
    assertThat(HttpHandler.percentDecode("a+b")).isEqualTo("a+b");
  }
}
