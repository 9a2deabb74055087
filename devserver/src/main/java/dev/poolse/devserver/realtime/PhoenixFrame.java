package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Phoenix serializer 2.0.0 text frame: {@code [join_ref, ref, topic, event, payload]}.
 *
 * @param joinRef the join ref, or null
 * @param ref the message ref, or null
 * @param topic the topic
 * @param event the event
 * @param payload the payload object
 */
public record PhoenixFrame(String joinRef, String ref, String topic, String event, JsonNode payload) {

  /** Thrown for a frame that is not a valid 2.0.0 array; the server drops the connection. */
  public static final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a malformed frame.
     *
     * @param message what is wrong
     */
    public MalformedFrameException(String message) {
      super(message);
    }
  }

  /**
   * Creates a frame from its five parts.
   *
   * @param joinRef the join ref, or null
   * @param ref the message ref, or null
   * @param topic the topic
   * @param event the event
   * @param payload the payload object
   */
  public PhoenixFrame {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * Parses a client frame.
   *
   * @param mapper the mapper
   * @param text the frame text
   * @return the frame
   * @throws MalformedFrameException when it is not a 5-element array with string topic and event
   *     and an object payload
   */
  public static PhoenixFrame parse(ObjectMapper mapper, String text) throws MalformedFrameException {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedFrameException("not JSON");
    }
    if (node == null || !node.isArray() || node.size() != 5) {
      throw new MalformedFrameException("not a 5-element array");
    }
    JsonNode joinRef = node.get(0);
    JsonNode ref = node.get(1);
    JsonNode topic = node.get(2);
    JsonNode event = node.get(3);
    JsonNode payload = node.get(4);
    if (!refLike(joinRef) || !refLike(ref) || !topic.isTextual() || !event.isTextual()
        || !payload.isObject()) {
      throw new MalformedFrameException("wrong element types");
    }
    return new PhoenixFrame(refText(joinRef), refText(ref), topic.asText(), event.asText(), payload);
  }

  private static boolean refLike(JsonNode n) {
    // Refs are opaque strings; some clients send numbers, which real servers accept as well.
    return n.isNull() || n.isTextual() || n.isIntegralNumber();
  }

  private static String refText(JsonNode n) {
    return n.isNull() ? null : n.asText();
  }

  /**
   * {@return the frame as 2.0.0 text}
   *
   * @param mapper the mapper
   */
  public String encode(ObjectMapper mapper) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(5);
    a.add(joinRef);
    a.add(ref);
    a.add(topic);
    a.add(event);
    a.add(payload);
    try {
      return mapper.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode frame", e);
    }
  }

  /**
   * A {@code phx_reply} payload.
   *
   * @param ok whether the status is ok
   * @param response the response object
   * @return {@code {"status": ..., "response": ...}}
   */
  public static ObjectNode reply(boolean ok, JsonNode response) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("status", ok ? "ok" : "error");
    p.set("response", response == null ? JsonNodeFactory.instance.objectNode() : response);
    return p;
  }

  /**
   * An error reply with a reason.
   *
   * @param reason the reason
   * @return {@code {"status": "error", "response": {"reason": reason}}}
   */
  public static ObjectNode errorReply(String reason) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("reason", reason);
    return reply(false, r);
  }
}
