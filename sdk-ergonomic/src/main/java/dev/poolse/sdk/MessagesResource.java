package dev.poolse.sdk;

import java.util.Objects;
import java.util.UUID;

/**
 * Messages by id, for operations that need the message but not its conversation. Obtain with
 * {@link Poolse#messages()}. Thread-safe.
 */
public final class MessagesResource {
    private final RestCore core;

    MessagesResource(RestCore core) {
        this.core = core;
    }

    /**
     * A handle on one message; makes no request.
     *
     * @param messageId the message id
     * @return the handle
     */
    public MessageHandle one(UUID messageId) {
        return new MessageHandle(core, Objects.requireNonNull(messageId, "messageId"));
    }
}
