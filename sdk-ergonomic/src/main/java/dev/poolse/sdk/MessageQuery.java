package dev.poolse.sdk;

import java.util.OptionalLong;

/**
 * A page of a conversation's main feed, newest first. Immutable.
 *
 * <pre>{@code
 * conv.messages().list(MessageQuery.newest(50));
 * conv.messages().list(MessageQuery.newest(50).before(oldestSequence)); // older page
 * }</pre>
 */
public final class MessageQuery {
    /** Largest page the API serves ({@code GET /v1/conversations/{id}/messages}, {@code limit} maximum). */
    public static final int MAX_LIMIT = 100;

    private final Integer limit;
    private final Long before;

    private MessageQuery(Integer limit, Long before) {
        this.limit = limit;
        this.before = before;
    }

    /** {@return the server's default page} */
    public static MessageQuery defaults() {
        return new MessageQuery(null, null);
    }

    /**
     * The newest page of the main feed.
     *
     * @param limit page size, 1 to {@value #MAX_LIMIT} (the API's range)
     * @return the newest {@code limit} messages
     * @throws IllegalArgumentException if {@code limit} is outside 1..{@value #MAX_LIMIT}, before
     *     anything is sent (the server would answer 422)
     */
    public static MessageQuery newest(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got: " + limit);
        }
        return new MessageQuery(limit, null);
    }

    /**
     * {@return a copy with this cursor}
     *
     * @param sequence exclusive upper bound: only messages with a smaller sequence
     */
    public MessageQuery before(long sequence) {
        return new MessageQuery(limit, sequence);
    }

    /** {@return the page size, {@code null} for the server default} */
    public Integer limit() {
        return limit;
    }

    /** {@return the cursor, if any} */
    public OptionalLong before() {
        return before == null ? OptionalLong.empty() : OptionalLong.of(before);
    }

    Long beforeOrNull() {
        return before;
    }
}
