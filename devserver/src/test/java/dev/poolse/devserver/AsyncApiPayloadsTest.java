package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test-side AsyncAPI checker itself must be able to fail. */
class AsyncApiPayloadsTest {

  @Test
  void flagsAPayloadMissingARequiredField() throws Exception {
    assertThat(AsyncApiPayloads.violations("typing:start", TestHttp.MAPPER.readTree("{\"external_id\":\"a\"}"))).isNotEmpty();
  }

  @Test
  void flagsAWrongType() throws Exception {
    assertThat(AsyncApiPayloads.violations("message:deleted", TestHttp.MAPPER.readTree(
        "{\"id\":1,\"conversation_id\":\"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"deleted_at\":null}"))).isNotEmpty();
  }

  @Test
  void acceptsRequiredNullsWhereTheSchemaAllowsThem() throws Exception {
    assertThat(AsyncApiPayloads.violations("typing:stop", TestHttp.MAPPER.readTree(
        "{\"user_id\":\"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"external_id\":null}"))).isEmpty();
  }

  @Test
  void flagsAMessageWithoutItsSequence() throws Exception {
    String message = "{\"id\":\"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"tenant_id\":\"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
        + "\"conversation_id\":\"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"sender_id\":null,\"sender_external_id\":null,"
        + "\"type\":\"text\",\"body\":null,\"reply_to_id\":null,\"thread_root_id\":null,\"mentions\":[],\"reactions\":{},"
        + "\"edited_at\":null,\"deleted_at\":null,\"inserted_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"";
    assertThat(AsyncApiPayloads.violations("message:new", TestHttp.MAPPER.readTree(message + "}"))).isNotEmpty();
    assertThat(AsyncApiPayloads.violations("message:new", TestHttp.MAPPER.readTree(message + ",\"sequence\":1}"))).isEmpty();
  }
}
