package dev.poolse.sdk.realtime;

import java.util.Objects;

/**
 * The server refused to join a channel, e.g. {@code {"reason": "forbidden"}} for a conversation the
 * user is not a member of, or {@code "unmatched topic"}. The channel retries on Phoenix's rejoin
 * schedule (1, 2, 5, then every 10 s) until it is left, so a membership granted later takes effect.
 */
public final class JoinRefusedException extends RealtimeException {
    private static final long serialVersionUID = 1L;
    /** The topic whose join was refused. */
    private final String topic;
    /** The server's reason. */
    private final String reason;

    /**
     * A new exception.
     *
     * @param topic the topic, e.g. {@code conversation:<id>}
     * @param reason the server's {@code reason}, or the whole response as text when it has none
     */
    public JoinRefusedException(String topic, String reason) {
        super("join of " + topic + " refused: " + reason, null);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The refused topic.
     *
     * @return the topic
     */
    public String topic() {
        return topic;
    }

    /**
     * The server's reason, e.g. {@code forbidden}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
