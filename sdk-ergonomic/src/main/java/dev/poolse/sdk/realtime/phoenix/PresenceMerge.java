package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phoenix presence merging on plain maps: {@code key -> metas}, each meta a JSON object told apart
 * by its {@code phx_ref}. Pure functions: inputs are never modified, results are unmodifiable.
 *
 * <p>The rules are those of {@code Presence.syncState}/{@code syncDiff} of the JavaScript client:
 * a key may hold several metas (one per device); a leave removes only the metas with the leaving
 * refs and the key disappears when none remain; a join adds metas, replacing ones with the same
 * ref; a fresh state is reconciled with the old one as a diff (vanished metas leave, new ones join).
 */
public final class PresenceMerge {
    /** The meta field that identifies one presence of a key. */
    public static final String PHX_REF = "phx_ref";

    private PresenceMerge() {}

    /**
     * A joins/leaves pair, each {@code key -> metas}.
     *
     * @param joins metas that joined
     * @param leaves metas that left
     */
    public record Diff(Map<String, List<JsonNode>> joins, Map<String, List<JsonNode>> leaves) {
        /**
         * Copies both maps.
         *
         * @param joins metas that joined
         * @param leaves metas that left
         */
        public Diff {
            joins = copy(joins);
            leaves = copy(leaves);
        }

        /**
         * Whether nothing joined or left.
         *
         * @return {@code true} when both maps are empty
         */
        public boolean isEmpty() {
            return joins.isEmpty() && leaves.isEmpty();
        }
    }

    /**
     * Reads {@code {key: {"metas": [...]}}} into a map; entries without an array of object metas are
     * skipped rather than failing the whole state.
     *
     * @param node the JSON object
     * @return the map
     */
    public static Map<String, List<JsonNode>> parse(JsonNode node) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return Collections.unmodifiableMap(out);
        }
        node.fields().forEachRemaining(e -> {
            JsonNode metas = e.getValue().path("metas");
            if (metas.isArray()) {
                List<JsonNode> list = new ArrayList<>();
                metas.forEach(m -> {
                    if (m.isObject()) {
                        list.add(m);
                    }
                });
                out.put(e.getKey(), List.copyOf(list));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Applies a diff: joins first, then leaves, as Phoenix does.
     *
     * @param state the current state
     * @param diff the diff
     * @return the new state
     */
    public static Map<String, List<JsonNode>> applyDiff(Map<String, List<JsonNode>> state, Diff diff) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>(state);
        diff.joins().forEach((key, joined) -> {
            Set<String> joinedRefs = refs(joined);
            List<JsonNode> merged = new ArrayList<>();
            // Existing metas first (devices already present keep their order), minus any replaced.
            for (JsonNode meta : out.getOrDefault(key, List.of())) {
                if (!joinedRefs.contains(ref(meta))) {
                    merged.add(meta);
                }
            }
            merged.addAll(joined);
            out.put(key, List.copyOf(merged));
        });
        diff.leaves().forEach((key, left) -> {
            List<JsonNode> current = out.get(key);
            if (current == null) {
                return;
            }
            Set<String> leftRefs = refs(left);
            List<JsonNode> remaining = new ArrayList<>();
            for (JsonNode meta : current) {
                if (!leftRefs.contains(ref(meta))) {
                    remaining.add(meta);
                }
            }
            if (remaining.isEmpty()) {
                out.remove(key);
            } else {
                out.put(key, List.copyOf(remaining));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The diff that turns {@code current} into {@code incoming}, by {@code phx_ref}.
     *
     * @param current the state held so far
     * @param incoming a fresh full state
     * @return what joined and what left
     */
    public static Diff reconcile(Map<String, List<JsonNode>> current, Map<String, List<JsonNode>> incoming) {
        Map<String, List<JsonNode>> joins = new LinkedHashMap<>();
        Map<String, List<JsonNode>> leaves = new LinkedHashMap<>();
        current.forEach((key, metas) -> {
            if (!incoming.containsKey(key)) {
                leaves.put(key, metas);
            }
        });
        incoming.forEach((key, newMetas) -> {
            List<JsonNode> oldMetas = current.get(key);
            if (oldMetas == null) {
                joins.put(key, newMetas);
                return;
            }
            Set<String> oldRefs = refs(oldMetas);
            Set<String> newRefs = refs(newMetas);
            List<JsonNode> joined = newMetas.stream().filter(m -> !oldRefs.contains(ref(m))).toList();
            List<JsonNode> left = oldMetas.stream().filter(m -> !newRefs.contains(ref(m))).toList();
            if (!joined.isEmpty()) {
                joins.put(key, joined);
            }
            if (!left.isEmpty()) {
                leaves.put(key, left);
            }
        });
        return new Diff(joins, leaves);
    }

    private static Set<String> refs(List<JsonNode> metas) {
        Set<String> refs = new HashSet<>();
        for (JsonNode meta : metas) {
            refs.add(ref(meta));
        }
        return refs;
    }

    private static String ref(JsonNode meta) {
        return meta.path(PHX_REF).asText("");
    }

    private static Map<String, List<JsonNode>> copy(Map<String, List<JsonNode>> map) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
