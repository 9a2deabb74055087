package dev.poolse.sdk.realtime;

import java.util.OptionalLong;

/**
 * Where a conversation channel's {@code message:new} delivery starts: from the first join (the
 * default), or right after a main-feed {@code sequence} the application already has, typically
 * the newest message of a history page it loaded over REST.
 *
 * <pre>{@code
 * List<Message> page = conv.messages().list(MessageQuery.newest(50)).getData();
 * long newest = page.isEmpty() ? 0 : page.get(0).getSequence();
 * ConversationChannel live = chat.realtime().conversation(conv.id(), ResumeFrom.sequence(newest));
 * live.onMessage(this::append);   // joins now; sees every main-feed message after `newest` once
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ResumeFrom {
    private static final ResumeFrom FIRST_JOIN = new ResumeFrom(-1);

    private final long sequence;

    private ResumeFrom(long sequence) {
        this.sequence = sequence;
    }

    /**
     * Deliver every main-feed message after the first successful join, as
     * {@link PoolseRealtime#conversation(java.util.UUID)} does.
     *
     * @return the default starting point
     */
    public static ResumeFrom firstJoin() {
        return FIRST_JOIN;
    }

    /**
     * Deliver every main-feed message whose sequence is above {@code lastSeen}, exactly once and in
     * sequence order, whether it was stored before the channel joined, while it joined or after.
     *
     * @param lastSeen the highest main-feed sequence the application already shows; 0 for none
     * @return the starting point
     * @throws IllegalArgumentException if {@code lastSeen} is negative
     */
    public static ResumeFrom sequence(long lastSeen) {
        if (lastSeen < 0) {
            throw new IllegalArgumentException("lastSeen must be >= 0 (0 for an empty history), got " + lastSeen);
        }
        return new ResumeFrom(lastSeen);
    }

    /**
     * The sequence after which delivery starts.
     *
     * @return it, or empty for {@link #firstJoin()}
     */
    public OptionalLong lastSeenSequence() {
        return sequence < 0 ? OptionalLong.empty() : OptionalLong.of(sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResumeFrom other && other.sequence == sequence;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return sequence < 0 ? "ResumeFrom.firstJoin()" : "ResumeFrom.sequence(" + sequence + ")";
    }
}
