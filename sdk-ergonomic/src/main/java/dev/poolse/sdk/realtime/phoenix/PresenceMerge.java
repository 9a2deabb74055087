package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Phoenix presence merging on plain maps: {@code key -> metas}, each meta told apart by its
 * {@code phx_ref}. A meta is any type with a way to read its ref: a JSON object (the overloads
 * without a ref function) or a typed record. Pure functions: inputs are never modified, results
 * are unmodifiable; lists of keys a diff does not touch are shared with the input.
 *
 * <p>The rules are those of {@code Presence.syncState}/{@code syncDiff} of the JavaScript client:
 * a key may hold several metas (one per device); a leave removes only the metas with the leaving
 * refs and the key disappears when none remain; a join adds metas, replacing ones with the same
 * ref; a fresh state is reconciled with the old one as a diff (vanished metas leave, new ones join).
 */
public final class PresenceMerge {
    /** The meta field that identifies one presence of a key. */
    public static final String PHX_REF = "phx_ref";
    /** The ref of a JSON meta: its {@code phx_ref} text, or the empty string. */
    public static final Function<JsonNode, String> JSON_REF = meta -> meta.path(PHX_REF).asText("");

    private PresenceMerge() {}

    /**
     * A joins/leaves pair, each {@code key -> metas}.
     *
     * @param joins metas that joined
     * @param leaves metas that left
     * @param <M> the meta type
     */
    public record Diff<M>(Map<String, List<M>> joins, Map<String, List<M>> leaves) {
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
    public static Map<String, List<JsonNode>> applyDiff(Map<String, List<JsonNode>> state, Diff<JsonNode> diff) {
        return applyDiff(state, diff, JSON_REF);
    }

    /**
     * Applies a diff: joins first, then leaves, as Phoenix does.
     *
     * @param state the current state
     * @param diff the diff
     * @param refOf a meta's {@code phx_ref}
     * @param <M> the meta type
     * @return the new state
     */
    public static <M> Map<String, List<M>> applyDiff(Map<String, List<M>> state, Diff<M> diff,
            Function<? super M, String> refOf) {
        Map<String, List<M>> out = new LinkedHashMap<>(state);
        diff.joins().forEach((key, joined) -> {
            Set<String> joinedRefs = refs(joined, refOf);
            List<M> merged = new ArrayList<>();
            // Existing metas first (devices already present keep their order), minus any replaced.
            for (M meta : out.getOrDefault(key, List.of())) {
                if (!joinedRefs.contains(refOf.apply(meta))) {
                    merged.add(meta);
                }
            }
            merged.addAll(joined);
            out.put(key, List.copyOf(merged));
        });
        diff.leaves().forEach((key, left) -> {
            List<M> current = out.get(key);
            if (current == null) {
                return;
            }
            Set<String> leftRefs = refs(left, refOf);
            List<M> remaining = new ArrayList<>();
            for (M meta : current) {
                if (!leftRefs.contains(refOf.apply(meta))) {
                    remaining.add(meta);
                }
            }
            if (remaining.isEmpty()) {
                out.remove(key);
            } else {
                out.put(key, List.copyOf(remaining));
            }
        });
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    /**
     * The diff that turns {@code current} into {@code incoming}, by {@code phx_ref}.
     *
     * @param current the state held so far
     * @param incoming a fresh full state
     * @return what joined and what left
     */
    public static Diff<JsonNode> reconcile(Map<String, List<JsonNode>> current,
            Map<String, List<JsonNode>> incoming) {
        return reconcile(current, incoming, JSON_REF);
    }

    /**
     * The diff that turns {@code current} into {@code incoming}, by {@code phx_ref}.
     *
     * @param current the state held so far
     * @param incoming a fresh full state
     * @param refOf a meta's {@code phx_ref}
     * @param <M> the meta type
     * @return what joined and what left
     */
    public static <M> Diff<M> reconcile(Map<String, List<M>> current, Map<String, List<M>> incoming,
            Function<? super M, String> refOf) {
        Map<String, List<M>> joins = new LinkedHashMap<>();
        Map<String, List<M>> leaves = new LinkedHashMap<>();
        current.forEach((key, metas) -> {
            if (!incoming.containsKey(key)) {
                leaves.put(key, metas);
            }
        });
        incoming.forEach((key, newMetas) -> {
            List<M> oldMetas = current.get(key);
            if (oldMetas == null) {
                joins.put(key, newMetas);
                return;
            }
            Set<String> oldRefs = refs(oldMetas, refOf);
            Set<String> newRefs = refs(newMetas, refOf);
            List<M> joined = newMetas.stream().filter(m -> !oldRefs.contains(refOf.apply(m))).toList();
            List<M> left = oldMetas.stream().filter(m -> !newRefs.contains(refOf.apply(m))).toList();
            if (!joined.isEmpty()) {
                joins.put(key, joined);
            }
            if (!left.isEmpty()) {
                leaves.put(key, left);
            }
        });
        return new Diff<>(joins, leaves);
    }

    private static <M> Set<String> refs(List<M> metas, Function<? super M, String> refOf) {
        Set<String> refs = new HashSet<>();
        for (M meta : metas) {
            refs.add(refOf.apply(meta));
        }
        return refs;
    }

    private static <M> Map<String, List<M>> copy(Map<String, List<M>> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, List<M>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
