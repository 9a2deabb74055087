package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The presence of one channel across joins, like Phoenix's {@code Presence}: diffs that arrive
 * before the state of the current join are queued and applied after it (your own join's diff may
 * come first), and the state of a rejoin is reconciled with the one held before.
 *
 * <p>Confined to the scheduler thread.
 *
 * @param <M> the meta type: a JSON object, or a typed record
 */
public final class PresenceTracker<M> {
    private final Function<? super M, String> refOf;
    private Map<String, List<M>> state = Map.of();
    private String stateJoinRef;
    /** Diffs waiting for the state of the current join; created on first use. */
    private List<PresenceMerge.Diff<M>> pending = List.of();

    /**
     * A tracker of metas of any type.
     *
     * @param refOf a meta's {@code phx_ref}; not {@code null}
     */
    public PresenceTracker(Function<? super M, String> refOf) {
        this.refOf = Objects.requireNonNull(refOf, "refOf");
    }

    /**
     * A tracker of JSON metas.
     *
     * @return the tracker
     */
    public static PresenceTracker<JsonNode> ofJson() {
        return new PresenceTracker<>(PresenceMerge.JSON_REF);
    }

    /**
     * The current state.
     *
     * @return {@code key -> metas}, unmodifiable
     */
    public Map<String, List<M>> state() {
        return state;
    }

    /**
     * Whether a state has been received for the given join.
     *
     * @param joinRef the channel's current join_ref
     * @return {@code false} while diffs are being queued
     */
    public boolean isSynced(String joinRef) {
        return stateJoinRef != null && stateJoinRef.equals(joinRef);
    }

    /**
     * Applies a {@code presence_state}, then the diffs queued for it.
     *
     * @param joinRef the channel's join_ref when the state arrived
     * @param incoming the full state
     * @return the net change from the previous state to the new one (queued diffs included)
     */
    public PresenceMerge.Diff<M> onState(String joinRef, Map<String, List<M>> incoming) {
        Map<String, List<M>> before = state;
        stateJoinRef = joinRef;
        Map<String, List<M>> next = PresenceMerge.applyDiff(before, PresenceMerge.reconcile(before, incoming, refOf),
                refOf);
        for (PresenceMerge.Diff<M> diff : pending) {
            next = PresenceMerge.applyDiff(next, diff, refOf);
        }
        pending = List.of();
        state = next;
        return PresenceMerge.reconcile(before, next, refOf);
    }

    /**
     * Applies a {@code presence_diff}, or queues it until the state of the current join.
     *
     * @param joinRef the channel's join_ref when the diff arrived
     * @param diff the diff
     * @return {@code true} when applied now, {@code false} when queued
     */
    public boolean onDiff(String joinRef, PresenceMerge.Diff<M> diff) {
        if (!isSynced(joinRef)) {
            if (pending.isEmpty()) {
                pending = new ArrayList<>();
            }
            pending.add(diff);
            return false;
        }
        state = PresenceMerge.applyDiff(state, diff, refOf);
        return true;
    }

    /** Forgets everything (the channel was left or closed). */
    public void clear() {
        state = Map.of();
        stateJoinRef = null;
        pending = List.of();
    }
}
