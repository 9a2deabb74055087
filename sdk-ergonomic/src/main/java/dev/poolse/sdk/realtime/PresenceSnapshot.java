package dev.poolse.sdk.realtime;

import dev.poolse.client.events.PresenceMeta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable view of a channel's presence: for each user key (the user id as a string) the metas
 * of each of their connected devices, told apart by {@code phx_ref}. A user is online while at least
 * one device remains.
 */
public final class PresenceSnapshot {
    /** The snapshot before any presence state arrived. */
    public static final PresenceSnapshot EMPTY = new PresenceSnapshot(Map.of());

    private final Map<String, List<PresenceMeta>> entries;

    /**
     * A snapshot of the given entries (copied).
     *
     * @param entries user key to metas; not {@code null}
     */
    public PresenceSnapshot(Map<String, List<PresenceMeta>> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, List<PresenceMeta>> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), List.copyOf(v)));
        this.entries = Collections.unmodifiableMap(copy);
    }

    /**
     * Every present user key with the metas of their devices.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<PresenceMeta>> entries() {
        return entries;
    }

    /**
     * The keys of the users online.
     *
     * @return an unmodifiable set
     */
    public Set<String> onlineKeys() {
        return entries.keySet();
    }

    /**
     * The ids of the users online (keys that are not user ids are left out).
     *
     * @return an unmodifiable set
     */
    public Set<UUID> onlineUsers() {
        Set<UUID> out = new LinkedHashSet<>();
        for (String key : entries.keySet()) {
            try {
                out.add(UUID.fromString(key));
            } catch (IllegalArgumentException notAUserId) {
                // Presence keys are user ids on Poolse; anything else is not a user.
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Whether the user has at least one device present.
     *
     * @param userId the user; not {@code null}
     * @return {@code true} when online
     */
    public boolean isOnline(UUID userId) {
        return entries.containsKey(Objects.requireNonNull(userId, "userId").toString());
    }

    /**
     * The metas of one user's devices.
     *
     * @param userId the user; not {@code null}
     * @return the metas, empty when offline
     */
    public List<PresenceMeta> devices(UUID userId) {
        return entries.getOrDefault(Objects.requireNonNull(userId, "userId").toString(), List.of());
    }

    /**
     * Whether nobody is present.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresenceSnapshot other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "PresenceSnapshot" + entries;
    }
}
