package dev.poolse.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the spec parses into its generated model and writes back unchanged: no field
 * lost, none invented, nulls kept where the spec says the field is present and nullable.
 */
class ModelRoundTripTest {

  private static final ObjectMapper MAPPER = PoolseJson.newObjectMapper();

  /** Equal numbers are equal whatever their Java width (48213 as int or long). */
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
    if (a instanceof NumericNode && b instanceof NumericNode) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  static Stream<SpecExamples.Example> examples() {
    return SpecExamples.all().stream().filter(e -> modelClass(e.schema()) != null);
  }

  @Test
  void everyObjectSchemaHasAnExampleThatIsRoundTripped() {
    List<SpecExamples.Example> all = SpecExamples.all();
    JsonNode schemas = SpecExamples.spec().path("components").path("schemas");
    schemas.fieldNames().forEachRemaining(name -> assertThat(all)
        .as("schema %s has an example", name)
        .anyMatch(e -> e.schema().equals(name)));
    assertThat(examples()).hasSizeGreaterThan(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleRoundTripsThroughGeneratedModel(SpecExamples.Example example) throws Exception {
    Class<?> type = modelClass(example.schema());

    Object model = MAPPER.treeToValue(example.value(), type);
    JsonNode written = MAPPER.valueToTree(model);

    assertThat(written.equals(SAME_VALUE, example.value()))
        .as("%s%n expected: %s%n   actual: %s", example, example.value(), written)
        .isTrue();
  }

  private static Class<?> modelClass(String schema) {
    try {
      return Class.forName("dev.poolse.client.model." + schema);
    } catch (ClassNotFoundException e) {
      return null; // map-only schemas such as CustomData have no class of their own
    }
  }
}
