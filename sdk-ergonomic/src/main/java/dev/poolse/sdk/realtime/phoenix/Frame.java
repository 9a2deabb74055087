package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One Phoenix message in the 2.0.0 serializer: {@code [join_ref, ref, topic, event, payload]}.
 *
 * @param joinRef ref of the join this frame belongs to, or {@code null}
 * @param ref ref of a client push (or the push a reply answers), or {@code null}
 * @param topic topic, e.g. {@code conversation:<id>} or {@code phoenix}
 * @param event event name, e.g. {@code phx_join} or {@code message:new}
 * @param payload payload object, never {@code null}
 */
public record Frame(String joinRef, String ref, String topic, String event, JsonNode payload) {

    /**
     * Validates the mandatory parts.
     *
     * @param joinRef ref of the join this frame belongs to, or {@code null}
     * @param ref ref of a client push (or the push a reply answers), or {@code null}
     * @param topic topic; not {@code null}
     * @param event event name; not {@code null}
     * @param payload payload object; not {@code null}
     */
    public Frame {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object, got: " + payload.getNodeType());
        }
    }
}
