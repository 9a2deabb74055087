package dev.poolse.sdk.realtime.internal;

import java.util.Arrays;
import java.util.UUID;

/**
 * The most recent message ids delivered on a channel, up to a limit, oldest forgotten first: what
 * lets the message feed deliver an id once even when a live copy and a fetched copy both arrive.
 *
 * <p>Why not a {@code LinkedHashSet<UUID>}: every message of every channel passes through here, and
 * the set cost an entry object per id, an iterator per eviction, and about 100 bytes per id
 * remembered. This keeps the ids' bits in a ring of {@code long}s with an open-addressing index
 * (linear probing, deletion by backward shift): no allocation per id, 24 bytes per id, and the
 * arrays grow with use, so a quiet channel holds almost nothing.
 *
 * <p>Not thread-safe: the feed uses it on the engine thread only.
 */
final class RecentIds {
    private static final int FIRST_CAPACITY = 16;
    private static final long[] NO_IDS = new long[0];
    private static final int[] NO_SLOTS = new int[0];

    private final int limit;
    /** Id {@code i} is {@code ids[2i], ids[2i + 1]}: its most and least significant bits. */
    private long[] ids = NO_IDS;
    /** Index of open addressing: ring position + 1, 0 for an empty slot; a power of two. */
    private int[] slots = NO_SLOTS;
    private int count;
    /** Ring position of the oldest id once the ring is at its limit and full. */
    private int oldest;

    /**
     * @param limit how many ids are remembered at most; positive
     */
    RecentIds(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    /**
     * Remembers an id.
     *
     * @param id the id
     * @return {@code true} if it was not remembered yet (it is now), {@code false} if it was
     */
    boolean add(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        if (find(msb, lsb) >= 0) {
            return false;
        }
        int capacity = ids.length / 2;
        int position;
        if (count < capacity) {
            position = count++;
        } else if (capacity < limit) {
            grow(Math.min(limit, Math.max(FIRST_CAPACITY, capacity * 2)));
            position = count++;
        } else {
            position = oldest;
            removeSlot(find(ids[2 * position], ids[2 * position + 1]));
            oldest = (oldest + 1) % capacity;
        }
        ids[2 * position] = msb;
        ids[2 * position + 1] = lsb;
        insertSlot(position, msb, lsb);
        return true;
    }

    /**
     * Whether an id is remembered.
     *
     * @param id the id
     * @return {@code true} if it is
     */
    boolean contains(UUID id) {
        return find(id.getMostSignificantBits(), id.getLeastSignificantBits()) >= 0;
    }

    /** @return how many ids are remembered */
    int size() {
        return count;
    }

    /** Only before the ring is full at its limit, so positions 0..count-1 are in order. */
    private void grow(int capacity) {
        ids = Arrays.copyOf(ids, 2 * capacity);
        // A power of two (the probe masks with it) of at least twice the ids: never more than half full.
        slots = new int[Integer.highestOneBit(2 * capacity - 1) << 1];
        for (int i = 0; i < count; i++) {
            insertSlot(i, ids[2 * i], ids[2 * i + 1]);
        }
    }

    private void insertSlot(int position, long msb, long lsb) {
        int mask = slots.length - 1;
        int h = hash(msb, lsb) & mask;
        while (slots[h] != 0) {
            h = (h + 1) & mask;
        }
        slots[h] = position + 1;
    }

    /** The slot of an id, or -1. */
    private int find(long msb, long lsb) {
        if (count == 0) {
            return -1;
        }
        int mask = slots.length - 1;
        int h = hash(msb, lsb) & mask;
        for (int s = slots[h]; s != 0; s = slots[h]) {
            int p = s - 1;
            if (ids[2 * p] == msb && ids[2 * p + 1] == lsb) {
                return h;
            }
            h = (h + 1) & mask;
        }
        return -1;
    }

    /** Empties a slot, moving later slots of the same probe run back so every id stays findable. */
    private void removeSlot(int hole) {
        int mask = slots.length - 1;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            int s = slots[j];
            if (s == 0) {
                break;
            }
            int home = hash(ids[2 * (s - 1)], ids[2 * (s - 1) + 1]) & mask;
            // The entry at j may fill the hole if the hole lies on its probe path, from home to j.
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = s;
                hole = j;
            }
        }
        slots[hole] = 0;
    }

    private static int hash(long msb, long lsb) {
        long x = msb ^ lsb;
        int h = (int) (x ^ (x >>> 32)) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
