package dev.poolse.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.api.ConversationsApi;
import dev.poolse.client.model.ConversationUpdateRequest;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A PATCH sends exactly what the caller set: an explicit null clears a field on the server, an
 * absent field leaves it unchanged. Checked on the bytes the generated Feign interface sends.
 */
class PatchBodyTest {

  private static final ObjectMapper MAPPER = PoolseJson.newObjectMapper();
  private static final String CONVERSATION = """
      {"id":"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","tenant_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7",
       "type":"group","name":"x","avatar_url":null,"created_by_user_id":null,"member_limit":null,
       "custom_data":{},"settings":{},"last_message_at":null,"last_message_preview":null,"last_sequence":0,
       "inserted_at":"2026-11-28T10:00:00Z","updated_at":"2026-11-28T10:00:00Z"}
      """;

  private final AtomicReference<Request> sent = new AtomicReference<>();

  private ConversationsApi api() {
    Feign.Builder builder = Feign.builder()
        .encoder(new JacksonEncoder(MAPPER))
        .decoder(new JacksonDecoder(MAPPER))
        .client((request, options) -> {
          sent.set(request);
          return Response.builder()
              .request(request)
              .status(200)
              .headers(Map.of("Content-Type", List.of("application/json")))
              .body(CONVERSATION, StandardCharsets.UTF_8)
              .build();
        });
    return new ApiClient("http://stub.invalid", builder).buildClient(ConversationsApi.class);
  }

  private JsonNode sentBody() throws Exception {
    return MAPPER.readTree(sent.get().body());
  }

  @Test
  void explicitNullIsSent() throws Exception {
    api().updateConversation(UUID.randomUUID(), new ConversationUpdateRequest().avatarUrl(null), "key-1");

    assertThat(sentBody().has("avatar_url")).isTrue();
    assertThat(sentBody().get("avatar_url").isNull()).isTrue();
  }

  @Test
  void absentFieldIsNotSent() throws Exception {
    api().updateConversation(UUID.randomUUID(), new ConversationUpdateRequest().name("Design"), "key-2");

    assertThat(sentBody().properties()).extracting(Map.Entry::getKey).containsExactly("name");
    assertThat(sentBody().get("name").asText()).isEqualTo("Design");
  }

  @Test
  void idempotencyKeyHeaderIsSentWhenGiven() {
    api().updateConversation(UUID.randomUUID(), new ConversationUpdateRequest().name("Design"), "key-3");

    assertThat(sent.get().headers().get("Idempotency-Key")).containsExactly("key-3");
  }

  @Test
  void idempotencyKeyHeaderIsOmittedWhenNull() {
    api().updateConversation(UUID.randomUUID(), new ConversationUpdateRequest().name("Design"), null);

    assertThat(sent.get().headers()).doesNotContainKey("Idempotency-Key");
  }
}
