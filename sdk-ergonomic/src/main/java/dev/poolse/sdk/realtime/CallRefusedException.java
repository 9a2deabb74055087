package dev.poolse.sdk.realtime;

import java.util.Objects;

/**
 * The server refused a call push ({@code call:invite}, {@code call:accept}, ...) with an error
 * reply, or did not answer it within the push timeout. The reasons the AsyncAPI document names
 * are {@code forbidden}, {@code not_found}, {@code call_ended}, {@code no_callees} and
 * {@code invalid_payload}; {@value #TIMEOUT} means no reply came.
 */
public final class CallRefusedException extends RealtimeException {
    private static final long serialVersionUID = 1L;
    /** The reason of a push that got no reply in time. */
    public static final String TIMEOUT = "timeout";
    /** The push's event. */
    private final String event;
    /** The server's reason. */
    private final String reason;

    /**
     * A new exception.
     *
     * @param event the push, e.g. {@code call:accept}
     * @param reason the server's {@code reason}, or {@value #TIMEOUT}
     */
    public CallRefusedException(String event, String reason) {
        super(event + " refused: " + reason, null);
        this.event = Objects.requireNonNull(event, "event");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return the refused push, e.g. {@code call:accept}} */
    public String event() {
        return event;
    }

    /** {@return the server's reason, e.g. {@code call_ended}, or {@value #TIMEOUT}} */
    public String reason() {
        return reason;
    }
}
