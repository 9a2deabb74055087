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
     * {@return the newest {@code limit} messages}
     *
     * @param limit page size, positive
     */
    public static MessageQuery newest(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got: " + limit);
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
