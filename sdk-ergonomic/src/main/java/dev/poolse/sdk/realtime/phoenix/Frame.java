package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Phoenix message in the 2.0.0 serializer: {@code [join_ref, ref, topic, event, payload]}.
 *
 * <p>A frame read by {@link FrameCodec#decode(byte[], FrameCodec.PayloadTypes)} may carry its
 * payload already read into the type its channel asked for ({@link #value()}); its JSON tree is
 * then built only if {@link #payload()} is called. Frames are values: two frames are equal when
 * their refs, topic, event and payload tree are.
 *
 * <p>A frame whose tree is built lazily is meant for the one thread that handles it.
 */
public final class Frame {
    private final String joinRef;
    private final String ref;
    private final String topic;
    private final String event;
    private final Object value;
    private JsonNode payload;
    private Supplier<JsonNode> tree;

    /**
     * A frame with a JSON payload.
     *
     * @param joinRef ref of the join this frame belongs to, or {@code null}
     * @param ref ref of a client push (or the push a reply answers), or {@code null}
     * @param topic topic, e.g. {@code conversation:<id>} or {@code phoenix}; not {@code null}
     * @param event event name, e.g. {@code phx_join} or {@code message:new}; not {@code null}
     * @param payload payload object; not {@code null}
     * @throws IllegalArgumentException when the payload is not a JSON object
     */
    public Frame(String joinRef, String ref, String topic, String event, JsonNode payload) {
        this(joinRef, ref, topic, event, null, Objects.requireNonNull(payload, "payload"), null);
        if (!payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object, got: " + payload.getNodeType());
        }
    }

    private Frame(String joinRef, String ref, String topic, String event, Object value, JsonNode payload,
            Supplier<JsonNode> tree) {
        this.joinRef = joinRef;
        this.ref = ref;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.event = Objects.requireNonNull(event, "event");
        this.value = value;
        this.payload = payload;
        this.tree = tree;
    }

    /** A frame whose payload was read into {@code value}; {@code tree} builds its JSON on demand. */
    static Frame typed(String joinRef, String ref, String topic, String event, Object value,
            Supplier<JsonNode> tree) {
        return new Frame(joinRef, ref, topic, event, Objects.requireNonNull(value, "value"), null,
                Objects.requireNonNull(tree, "tree"));
    }

    /**
     * The ref of the join this frame belongs to.
     *
     * @return the ref, or {@code null}
     */
    public String joinRef() {
        return joinRef;
    }

    /**
     * The ref of a client push, or of the push a reply answers.
     *
     * @return the ref, or {@code null}
     */
    public String ref() {
        return ref;
    }

    /**
     * The topic.
     *
     * @return the topic, never {@code null}
     */
    public String topic() {
        return topic;
    }

    /**
     * The event name.
     *
     * @return the event, never {@code null}
     */
    public String event() {
        return event;
    }

    /**
     * The payload as a JSON object. For a frame whose payload was read into a type this parses the
     * payload again, once.
     *
     * @return the payload object, never {@code null}
     */
    public JsonNode payload() {
        if (payload == null) {
            payload = tree.get();
            tree = null;
        }
        return payload;
    }

    /**
     * The payload read straight into the type the frame's channel asked for when the frame was
     * decoded (see {@link FrameCodec.PayloadTypes}).
     *
     * @return the typed payload, or {@code null} when the payload was read as a JSON tree only
     */
    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame other && Objects.equals(joinRef, other.joinRef) && Objects.equals(ref, other.ref)
                && topic.equals(other.topic) && event.equals(other.event) && payload().equals(other.payload());
    }

    @Override
    public int hashCode() {
        return Objects.hash(joinRef, ref, topic, event, payload());
    }

    @Override
    public String toString() {
        return "Frame[joinRef=" + joinRef + ", ref=" + ref + ", topic=" + topic + ", event=" + event
                + ", payload=" + payload() + "]";
    }
}
