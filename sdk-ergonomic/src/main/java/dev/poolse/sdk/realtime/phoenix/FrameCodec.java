package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes and decodes Phoenix 2.0.0 text frames. Binary frames are never decoded: Poolse does not
 * use them, and the transport drops them before they reach this codec.
 *
 * <p>Two ways to decode: {@link #decode(String)} reads the whole frame into a JSON tree;
 * {@link #decode(byte[], PayloadTypes)} reads the frame's UTF-8 bytes once, front to back, and
 * reads the payload of the events a channel asks for straight into their types, with no tree in
 * between (the realtime client's hot path). Both accept and refuse the same frames.
 *
 * <p>Thread-safe (the {@link ObjectMapper} is only read).
 */
public final class FrameCodec {
    /**
     * Reads one payload object straight into a type.
     */
    @FunctionalInterface
    public interface PayloadReader {
        /**
         * Reads the payload.
         *
         * @param parser positioned on the payload's {@code START_OBJECT}; the payload must be
         *     consumed up to its matching {@code END_OBJECT}, and nothing after it
         * @return the value, or {@code null} to have the frame read as a tree instead (for
         *     example when a key the type requires is missing)
         * @throws IOException when the payload does not fit the type; the frame is then read as
         *     a tree, so that its handler can report why
         */
        Object read(JsonParser parser) throws IOException;
    }

    /**
     * Chooses, per topic and event, how a frame's payload is read.
     */
    @FunctionalInterface
    public interface PayloadTypes {
        /** Reads every payload as a tree. */
        PayloadTypes NONE = (topic, event) -> null;

        /**
         * The reader of a frame's payload.
         *
         * @param topic the frame's topic
         * @param event the frame's event
         * @return a reader, or {@code null} to read the payload as a JSON tree
         */
        PayloadReader readerFor(String topic, String event);
    }

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

    /**
     * Parses one text frame from its UTF-8 bytes, reading the payload with the reader that
     * {@code types} gives for the frame's topic and event. A frame whose payload the reader cannot
     * read is read again as a tree, so that the handler sees what came and can report it.
     *
     * @param utf8 the frame's bytes; not {@code null}; not modified, and kept only by a returned
     *     typed frame until its tree is built
     * @param types the payload readers; not {@code null}
     * @return the frame; {@link Frame#value()} holds the typed payload when a reader read it
     * @throws MalformedFrameException as {@link #decode(String)}
     */
    public Frame decode(byte[] utf8, PayloadTypes types) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(types, "types");
        Frame frame = null;
        // Only text that Jackson is sure to read as UTF-8: it guesses UTF-16 or UTF-32 from zero
        // bytes among the first four, where the String path would see other characters.
        if (utf8.length >= 4 && utf8[0] == '[' && utf8[1] != 0 && utf8[2] != 0 && utf8[3] != 0) {
            try (JsonParser parser = mapper.createParser(utf8)) {
                frame = read(parser, types, utf8);
            } catch (IOException | RuntimeException e) {
                frame = null; // malformed, or a payload that does not fit its type: the tree path says which
            }
        }
        return frame != null ? frame : decode(new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * One pass over the usual shape of a frame: string or null refs, string topic and event, an
     * object payload, nothing after it. Anything else returns {@code null}, and the caller reads
     * the frame again with {@link #decode(String)}, which accepts or refuses it exactly.
     */
    private Frame read(JsonParser p, PayloadTypes types, byte[] utf8) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            return null;
        }
        String joinRef = t == JsonToken.VALUE_NULL ? null : p.getText();
        t = p.nextToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            return null;
        }
        String ref = t == JsonToken.VALUE_NULL ? null : p.getText();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String topic = p.getText();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String event = p.getText();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        PayloadReader reader = types.readerFor(topic, event);
        Frame frame;
        if (reader == null) {
            JsonNode payload = mapper.readTree(p);
            frame = payload != null && payload.isObject() ? new Frame(joinRef, ref, topic, event, payload) : null;
        } else {
            JsonStreamContext array = p.getParsingContext().getParent();
            Object value = reader.read(p);
            // Jackson clears the current token after binding: the context tells where it stopped.
            frame = value == null || p.getParsingContext() != array ? null
                    : Frame.typed(joinRef, ref, topic, event, value,
                            () -> decode(new String(utf8, StandardCharsets.UTF_8)).payload());
        }
        return frame != null && p.nextToken() == JsonToken.END_ARRAY && p.nextToken() == null ? frame : null;
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
