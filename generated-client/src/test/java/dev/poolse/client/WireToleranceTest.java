package dev.poolse.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The service may add fields and enum values at any time; older clients must keep working. */
class WireToleranceTest {

  private static final ObjectMapper MAPPER = PoolseJson.newObjectMapper();

  private static final String MESSAGE = """
      {"id":"8d7e6f5a-4b3c-4d2e-9f1a-0b2c3d4e5f6a","tenant_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7",
       "conversation_id":"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","sender_id":null,"sender_external_id":null,
       "type":"%s","body":"hi","reply_to_id":null,"thread_root_id":null,"mentions":[],"reactions":{},
       "edited_at":null,"deleted_at":null,"sequence":7,"inserted_at":"%s","updated_at":"%s"%s}
      """;

  @Test
  void unknownEnumValueReadsAsUnknown() throws Exception {
    Message m = MAPPER.readValue(MESSAGE.formatted("poll", "2026-11-28T10:00:00Z", "2026-11-28T10:00:00Z", ""), Message.class);

    assertThat(m.getType()).isEqualTo(MessageType.UNKNOWN);
    assertThat(m.getBody()).isEqualTo("hi");
  }

  @Test
  void unknownEnumValueReadsAsUnknownThroughFromValue() {
    assertThat(ConversationType.fromValue("channel")).isEqualTo(ConversationType.UNKNOWN);
    assertThat(ConversationType.fromValue("group")).isEqualTo(ConversationType.GROUP);
  }

  @Test
  void unknownFieldIsIgnored() throws Exception {
    Message m = MAPPER.readValue(
        MESSAGE.formatted("text", "2026-11-28T10:00:00Z", "2026-11-28T10:00:00Z", ",\"pinned\":true,\"meta\":{\"a\":1}"),
        Message.class);

    assertThat(m.getSequence()).isEqualTo(7L);
  }

  @Test
  void dateTimeKeepsItsOffset() throws Exception {
    Message m = MAPPER.readValue(
        MESSAGE.formatted("text", "2026-11-28T11:00:00+01:00", "2026-11-28T10:00:00Z", ""), Message.class);

    assertThat(m.getInsertedAt()).isEqualTo(OffsetDateTime.of(2026, 11, 28, 11, 0, 0, 0, ZoneOffset.ofHours(1)));
    assertThat(MAPPER.valueToTree(m).get("inserted_at").asText()).isEqualTo("2026-11-28T11:00:00+01:00");
  }

  @Test
  void requiredNullableFieldIsWrittenAsNull() {
    Conversation c = new Conversation().name(null).type(ConversationType.DIRECT);

    assertThat(MAPPER.valueToTree(c).has("name")).isTrue();
    assertThat(MAPPER.valueToTree(c).get("name").isNull()).isTrue();
  }

  @Test
  void requiredNullableEventFieldIsWrittenAsNull() {
    var deleted = new dev.poolse.client.events.MessageDeletedEvent(
        java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), null, null);

    assertThat(MAPPER.valueToTree(deleted).has("deleted_at")).isTrue();
    assertThat(MAPPER.valueToTree(deleted).get("deleted_at").isNull()).isTrue();
    // The optional revision is left out when null.
    assertThat(MAPPER.valueToTree(deleted).has("revision")).isFalse();
  }
}
