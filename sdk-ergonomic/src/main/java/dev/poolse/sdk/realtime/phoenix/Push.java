package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One client push awaiting its {@code phx_reply}, matched by {@code ref}. Confined to the
 * scheduler thread.
 */
public final class Push {
    /** Status reported when no reply arrived in time. */
    public static final String TIMEOUT = "timeout";

    private final PhoenixChannel channel;
    private final String event;
    private final JsonNode payload;
    private final Duration timeout;
    private Consumer<JsonNode> onOk = r -> { };
    private Consumer<JsonNode> onError = r -> { };
    private Runnable onTimeout = () -> { };
    private String ref;
    private boolean sent;
    private boolean settled;
    private Cancellable timer;

    Push(PhoenixChannel channel, String event, JsonNode payload, Duration timeout) {
        this.channel = channel;
        this.event = event;
        this.payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
        this.timeout = timeout;
    }

    /**
     * Sets what runs on an {@code ok} reply.
     *
     * @param handler receives the reply's {@code response}
     * @return this push
     */
    public Push onOk(Consumer<JsonNode> handler) {
        this.onOk = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Sets what runs on an {@code error} reply.
     *
     * @param handler receives the reply's {@code response}
     * @return this push
     */
    public Push onError(Consumer<JsonNode> handler) {
        this.onError = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Sets what runs when no reply arrives within the timeout.
     *
     * @param handler the handler
     * @return this push
     */
    public Push onTimeout(Runnable handler) {
        this.onTimeout = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * The event name.
     *
     * @return the event
     */
    public String event() {
        return event;
    }

    /**
     * The ref of the last send, or {@code null} before the first.
     *
     * @return the ref
     */
    public String ref() {
        return ref;
    }

    /**
     * Whether the push has been written to a socket.
     *
     * @return {@code true} once sent
     */
    public boolean isSent() {
        return sent;
    }

    /**
     * Whether the push timed out before it could be sent (it waited in the buffer too long).
     *
     * @return {@code true} when it must not be sent any more
     */
    boolean isExpired() {
        return settled && !sent;
    }

    /** Starts the reply timeout; pushes buffered before the join time out too, as in Phoenix. */
    void startTimeout() {
        cancelTimeout();
        settled = false;
        timer = channel.socket().scheduler().schedule(timeout, () -> {
            timer = null;
            if (!settled) {
                settled = true;
                channel.socket().forgetReply(ref);
                onTimeout.run();
            }
        });
    }

    /** Sends with a fresh ref (also used for a re-sent join) and waits for the reply. */
    void send() {
        PhoenixSocket socket = channel.socket();
        if (ref != null) {
            socket.forgetReply(ref);
        }
        ref = socket.makeRef();
        settled = false;
        socket.expectReply(ref, this);
        String joinRef = "phx_join".equals(event) ? ref : channel.joinRef();
        sent = true;
        socket.send(new Frame(joinRef, ref, channel.topic(), event, payload));
    }

    /**
     * Called by the socket with the reply payload.
     *
     * @param reply the {@code phx_reply} payload
     */
    void receiveReply(JsonNode reply) {
        if (settled) {
            return;
        }
        settled = true;
        cancelTimeout();
        String status = reply.path("status").asText("");
        JsonNode response = reply.has("response") ? reply.get("response") : JsonNodeFactory.instance.objectNode();
        if ("ok".equals(status)) {
            onOk.accept(response);
        } else {
            onError.accept(response);
        }
    }

    /** Drops the reply wait without running any handler (channel closed or push superseded). */
    void abandon() {
        settled = true;
        cancelTimeout();
        if (ref != null) {
            channel.socket().forgetReply(ref);
        }
    }

    private void cancelTimeout() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /**
     * An empty object payload.
     *
     * @return a new empty object
     */
    static ObjectNode emptyPayload() {
        return JsonNodeFactory.instance.objectNode();
    }
}
