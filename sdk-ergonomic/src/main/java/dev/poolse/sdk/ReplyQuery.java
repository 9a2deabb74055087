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
     * {@return the oldest {@code limit} replies}
     *
     * @param limit page size, positive
     */
    public static ReplyQuery oldest(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got: " + limit);
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
