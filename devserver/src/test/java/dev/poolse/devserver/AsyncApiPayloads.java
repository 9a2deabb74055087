package dev.poolse.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.poolse.devserver.http.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks realtime payloads against the schemas the AsyncAPI document gives each event (REST
 * shapes come from the OpenAPI document it references). OpenAPI 3.0's {@code nullable} is
 * rewritten to JSON Schema type unions first.
 */
final class AsyncApiPayloads {

  private static final Map<String, String> SCHEMA_OF_EVENT = Map.ofEntries(
      Map.entry("message:new", "Message"),
      Map.entry("message:updated", "Message"),
      Map.entry("message:deleted", "MessageDeletedEvent"),
      Map.entry("reaction:added", "ReactionEvent"),
      Map.entry("reaction:removed", "ReactionEvent"),
      Map.entry("member:read", "MemberReadEvent"),
      Map.entry("typing:start", "TypingEvent"),
      Map.entry("typing:stop", "TypingEvent"),
      Map.entry("presence_state", "PresenceState"),
      Map.entry("presence_diff", "PresenceDiff"),
      Map.entry("mention:new", "MentionEvent"),
      Map.entry("conversation:created", "Conversation"),
      Map.entry("conversation:updated", "ConversationUpdatedEvent"),
      Map.entry("call:incoming", "CallIncomingEvent"),
      Map.entry("call:accepted", "CallPartyEvent"),
      Map.entry("call:declined", "CallPartyEvent"),
      Map.entry("call:busy", "CallPartyEvent"),
      Map.entry("call:cancelled", "CallCancelledEvent"),
      Map.entry("call:ended", "CallPartyEvent"),
      Map.entry("voice:joined", "VoiceUserEvent"),
      Map.entry("voice:presence_state", "VoicePresenceState"),
      Map.entry("voice:left", "VoiceUserEvent"),
      Map.entry("voice:mute", "VoiceMuteEvent"),
      Map.entry("voice:active_speaker", "VoiceSpeakerEvent"),
      Map.entry("voice:signal", "VoiceSignalEvent"),
      Map.entry("voice:error", "VoiceErrorEvent"));

  private static final ObjectNode DOCUMENT = load();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private AsyncApiPayloads() {}

  private static ObjectNode load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try {
      JsonNode openapi = yaml.readTree(SpecValidator.resource(SpecValidator.OPENAPI_RESOURCE));
      JsonNode asyncapi = yaml.readTree(SpecValidator.resource(SpecValidator.ASYNCAPI_RESOURCE));
      ObjectNode schemas = JsonNodeFactory.instance.objectNode();
      schemas.setAll((ObjectNode) openapi.get("components").get("schemas").deepCopy());
      schemas.setAll((ObjectNode) asyncapi.get("components").get("schemas").deepCopy());
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      doc.putObject("components").set("schemas", schemas);
      rewrite(doc);
      return doc;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rewrite(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("./openapi.yaml#")) {
        o.put("$ref", ref.asText().substring("./openapi.yaml".length()));
      }
      if (o.path("nullable").asBoolean(false)) {
        o.remove("nullable");
        if (o.has("type") && o.get("type").isTextual()) {
          ArrayNode types = JsonNodeFactory.instance.arrayNode().add(o.get("type").asText()).add("null");
          o.set("type", types);
        } else if (o.has("allOf")) {
          ArrayNode anyOf = JsonNodeFactory.instance.arrayNode();
          anyOf.addObject().set("allOf", o.remove("allOf"));
          anyOf.addObject().put("type", "null");
          o.set("anyOf", anyOf);
        }
      }
      Iterator<JsonNode> it = o.elements();
      while (it.hasNext()) {
        rewrite(it.next());
      }
    } else if (node.isArray()) {
      node.forEach(AsyncApiPayloads::rewrite);
    }
  }

  /**
   * @param event the Phoenix event
   * @param payload its payload
   * @return the violations; empty when valid or when the event has no application schema
   */
  static List<String> violations(String event, JsonNode payload) {
    String name = SCHEMA_OF_EVENT.get(event);
    if (name == null) {
      return List.of();
    }
    JsonSchema schema = SCHEMAS.computeIfAbsent(name, n -> {
      ObjectNode root = DOCUMENT.deepCopy();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.put("$ref", "#/components/schemas/" + n);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    });
    Set<ValidationMessage> messages = schema.validate(payload);
    return messages.stream().map(m -> event + ": " + m.getMessage()).collect(Collectors.toList());
  }
}
