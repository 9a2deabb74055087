package dev.poolse.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated index of required properties says what spec/openapi.yaml says, schema by schema. */
class ModelRequiredPropertiesTest {

  @Test
  void everyObjectSchemaListsExactlyItsRequiredPropertiesInPropertyOrder() throws Exception {
    JsonNode schemas = SpecExamples.spec().path("components").path("schemas");
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = it.next();
      if (!schema.getValue().has("properties")) {
        continue;
      }
      List<String> required = new ArrayList<>();
      schema.getValue().path("required").forEach(name -> required.add(name.asText()));
      List<String> expected = new ArrayList<>();
      schema.getValue().path("properties").fieldNames().forEachRemaining(name -> {
        if (required.contains(name)) {
          expected.add(name);
        }
      });
      Class<?> model = Class.forName("dev.poolse.client.model." + schema.getKey());
      assertThat(ModelRequiredProperties.of(model)).as(schema.getKey()).containsExactlyElementsOf(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void requiredNullablePropertiesAreListedAndNonModelsAreNot() {
    assertThat(ModelRequiredProperties.of(Message.class)).contains("body", "thread_root_id", "sequence")
        .doesNotContain("reply_count", "attachments");
    assertThat(ModelRequiredProperties.of(MessageType.class)).isNull();
    assertThat(ModelRequiredProperties.of(String.class)).isNull();
  }
}
