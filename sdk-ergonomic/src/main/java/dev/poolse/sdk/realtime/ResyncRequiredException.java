package dev.poolse.sdk.realtime;

import java.util.Objects;
import java.util.UUID;

/**
 * The realtime client could not replay everything a conversation channel missed while its socket
 * was down, so the application's view of that conversation may be stale: reload it over REST
 * (messages, thread replies, members' read cursors) and carry on with the live events.
 *
 * <p>Reported to the channel's {@link ConversationChannel#onError} listeners and to
 * {@code onSocketError}. It happens when the server no longer keeps the missed events (it keeps at
 * least the newest 1,000 per conversation for 24 hours) or when its revision went backwards (its
 * state was reset). New main-feed messages are still caught up by sequence once the application
 * has received one; edits, deletions, thread replies, reactions and read receipts in the lost
 * range are not.
 */
public class ResyncRequiredException extends RealtimeException {
    private static final long serialVersionUID = 1L;

    /** The conversation to reload. */
    private final UUID conversationId;

    /**
     * A new exception.
     *
     * @param conversationId the conversation to reload
     * @param reason why the missed events could not be replayed
     */
    public ResyncRequiredException(UUID conversationId, String reason) {
        super("missed events of conversation " + Objects.requireNonNull(conversationId, "conversationId")
                + " could not be replayed: " + reason + "; reload it", null);
        this.conversationId = conversationId;
    }

    /**
     * The conversation whose view may be stale.
     *
     * @return its id
     */
    public UUID conversationId() {
        return conversationId;
    }
}
