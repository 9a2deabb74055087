package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Turns the plain Java values Jackson reads a free-form JSON object into (maps, lists, strings,
 * numbers, booleans, nulls) back into a tree, keeping {@code null} members.
 *
 * <p>Why not {@code mapper.valueToTree}: the wire mapper leaves null map values out, and a replayed
 * event payload must keep its required-but-null properties (a deleted message's {@code body}) or the
 * required-property check rightly rejects it.
 */
final class PlainJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlainJson() {
    }

    /**
     * @param value a value as read into {@code Object}
     * @return the equivalent tree
     * @throws IllegalArgumentException for a value JSON does not produce
     */
    static JsonNode toTree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), toTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            list.forEach(v -> out.add(toTree(v)));
            return out;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger bi) {
            return NODES.numberNode(bi);
        }
        if (value instanceof BigDecimal bd) {
            return NODES.numberNode(bd);
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
