package dev.poolse.sdk;

import java.time.Duration;

/**
 * The call did not finish within its timeout ({@link RequestOptions#withTimeout(Duration)} or the
 * client default), which covers every attempt and every wait between attempts; or the token
 * provider did not answer within the client's token timeout
 * ({@code Poolse.Builder.tokenTimeout}), with or without a call timeout.
 */
public class RequestTimeoutException extends PoolseException {
    private static final long serialVersionUID = 1L;
    private final transient Duration timeout;
    /** HTTP attempts started. */
    private final int attempts;

    /**
     * Reports a call whose time budget ran out.
     *
     * @param timeout the budget that ran out
     * @param attempts attempts started before it ran out
     */
    public RequestTimeoutException(Duration timeout, int attempts) {
        this("call did not complete within " + timeout + " (" + attempts + " attempt(s))", timeout, attempts);
    }

    /**
     * A timeout with its own explanation, e.g. that of the token provider.
     *
     * @param message what did not finish in time
     * @param timeout the budget that ran out
     * @param attempts HTTP attempts started before it ran out
     */
    public RequestTimeoutException(String message, Duration timeout, int attempts) {
        super(message);
        this.timeout = timeout;
        this.attempts = attempts;
    }

    /** {@return the timeout that elapsed} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return how many HTTP attempts were started} */
    public int attempts() {
        return attempts;
    }
}
