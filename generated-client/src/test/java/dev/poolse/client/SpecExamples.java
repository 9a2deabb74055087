package dev.poolse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads every example of spec/openapi.yaml together with the schema it illustrates. */
final class SpecExamples {

  /** One example: where it stands in the spec, the schema name it belongs to, and its value. */
  record Example(String location, String schema, JsonNode value) {
    @Override
    public String toString() {
      return location + " (" + schema + ")";
    }
  }

  static final Path SPEC = Path.of("..", "spec", "openapi.yaml");

  private SpecExamples() {}

  static JsonNode spec() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(SPEC.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Schema-level examples, and every named or inline example attached to a media type. */
  static List<Example> all() {
    JsonNode spec = spec();
    List<Example> out = new ArrayList<>();
    JsonNode schemas = spec.path("components").path("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().has("example")) {
        out.add(new Example("#/components/schemas/" + e.getKey() + "/example", e.getKey(), e.getValue().get("example")));
      }
    }
    collectMediaTypeExamples(spec, spec, "#", out);
    return out;
  }

  private static void collectMediaTypeExamples(JsonNode spec, JsonNode node, String pointer, List<Example> out) {
    if (node.isObject()) {
      JsonNode schemaRef = node.path("schema").path("$ref");
      if (schemaRef.isTextual() && (node.has("example") || node.has("examples"))) {
        String schema = lastSegment(schemaRef.asText());
        if (node.has("example")) {
          out.add(new Example(pointer + "/example", schema, node.get("example")));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("examples").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode example = e.getValue();
          String location = pointer + "/examples/" + e.getKey();
          if (example.has("$ref")) {
            location = example.get("$ref").asText();
            example = resolve(spec, location);
          }
          out.add(new Example(location, schema, example.get("value")));
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collectMediaTypeExamples(spec, e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    }
  }

  static JsonNode resolve(JsonNode spec, String ref) {
    JsonNode target = spec.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("Unresolvable $ref in spec: " + ref);
    }
    return target;
  }

  private static String lastSegment(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
