package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Objects;

/**
 * Encodes and decodes Phoenix 2.0.0 text frames. Binary frames are never decoded: Poolse does not
 * use them, and the transport drops them before they reach this codec.
 *
 * <p>Thread-safe (the {@link ObjectMapper} is only read).
 */
public final class FrameCodec {
    private final ObjectMapper mapper;

    /**
     * A codec over the given mapper.
     *
     * @param mapper the mapper used for the JSON array; not {@code null}
     */
    public FrameCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The JSON text of a frame.
     *
     * @param frame the frame; not {@code null}
     * @return {@code [join_ref, ref, topic, event, payload]}
     */
    public String encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        ArrayNode array = mapper.createArrayNode();
        array.add(frame.joinRef());
        array.add(frame.ref());
        array.add(frame.topic());
        array.add(frame.event());
        array.add(frame.payload());
        try {
            return mapper.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; reaching this is a programming error.
            throw new IllegalStateException("cannot encode frame", e);
        }
    }

    /**
     * Parses one text frame.
     *
     * @param text the frame text; not {@code null}
     * @return the frame
     * @throws MalformedFrameException when the text is not a five-element array with string
     *     refs, a string topic and event, and an object payload
     */
    public Frame decode(String text) {
        Objects.requireNonNull(text, "text");
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("frame is not JSON", e);
        }
        if (node == null || !node.isArray() || node.size() != 5) {
            throw new MalformedFrameException("frame is not a five-element array", null);
        }
        String joinRef = ref(node.get(0), "join_ref");
        String ref = ref(node.get(1), "ref");
        JsonNode topic = node.get(2);
        JsonNode event = node.get(3);
        JsonNode payload = node.get(4);
        if (!topic.isTextual() || !event.isTextual()) {
            throw new MalformedFrameException("topic and event must be strings", null);
        }
        if (!payload.isObject()) {
            throw new MalformedFrameException("payload must be an object", null);
        }
        return new Frame(joinRef, ref, topic.asText(), event.asText(), payload);
    }

    private static String ref(JsonNode node, String name) {
        if (node.isNull()) {
            return null;
        }
        // Refs are opaque strings; some servers echo numbers, which are accepted as their text.
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw new MalformedFrameException(name + " must be a string or null", null);
    }
}
