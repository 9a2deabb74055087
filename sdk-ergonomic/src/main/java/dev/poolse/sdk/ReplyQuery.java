package dev.poolse.sdk;

import java.util.OptionalLong;

/**
 * A page of a thread, oldest first (the opposite of the main feed). Immutable.
 *
 * <pre>{@code
 * m.replies(ReplyQuery.oldest(100).after(lastSeenSequence));
 * }</pre>
 */
public final class ReplyQuery {
    /** The server's and this SDK's default page size for replies. */
    public static final int DEFAULT_LIMIT = 500;
    /** Largest page the API serves ({@code GET /v1/messages/{id}/replies}, {@code limit} maximum). */
    public static final int MAX_LIMIT = 500;

    private final int limit;
    private final Long after;

    private ReplyQuery(int limit, Long after) {
        this.limit = limit;
        this.after = after;
    }

    /** {@return the first {@value #DEFAULT_LIMIT} replies} */
    public static ReplyQuery defaults() {
        return new ReplyQuery(DEFAULT_LIMIT, null);
    }

    /**
     * The oldest page of a thread.
     *
     * @param limit page size, 1 to {@value #MAX_LIMIT} (the API's range)
     * @return the oldest {@code limit} replies
     * @throws IllegalArgumentException if {@code limit} is outside 1..{@value #MAX_LIMIT}, before
     *     anything is sent (the server would answer 422)
     */
    public static ReplyQuery oldest(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got: " + limit);
        }
        return new ReplyQuery(limit, null);
    }

    /**
     * {@return a copy with this cursor}
     *
     * @param sequence exclusive lower bound: only replies with a larger sequence
     */
    public ReplyQuery after(long sequence) {
        return new ReplyQuery(limit, sequence);
    }

    /** {@return the page size} */
    public int limit() {
        return limit;
    }

    /** {@return the cursor, if any} */
    public OptionalLong after() {
        return after == null ? OptionalLong.empty() : OptionalLong.of(after);
    }

    Long afterOrNull() {
        return after;
    }
}
