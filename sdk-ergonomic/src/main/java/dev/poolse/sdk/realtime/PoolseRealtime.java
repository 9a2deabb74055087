package dev.poolse.sdk.realtime;

import dev.poolse.sdk.Subscription;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The realtime client of one {@code Poolse} instance: one WebSocket (Phoenix Channels), any number
 * of conversation channels and the user's own channel.
 *
 * <p>The client is dormant until the first {@link #conversation(UUID)} or {@link #user(UUID)} (or
 * an explicit {@link #connect()}); it then connects and keeps the connection up on its own:
 * heartbeats detect a dead connection, any close it did not ask for reconnects with Phoenix's
 * backoff (10 ms rising to 5 s, with jitter), a fresh token is fetched before every attempt, and a
 * refused upgrade (401/403) drops the cached token before retrying. Channels rejoin after every
 * reconnect, and conversation channels fetch the messages they missed (see
 * {@link ConversationChannel#onMessage}).
 *
 * <p><b>Threading.</b> All methods are thread-safe and never block on the network.
 * Listeners never run on an I/O thread: they run on the configured {@code callbackExecutor} (by
 * default a shared SDK pool), one at a time per channel, in the order the events arrived. A slow
 * listener delays only later events of its own channel; a throwing listener does not stop the
 * others and is reported to {@code onSocketError}. Status listeners and error reports share one
 * more such lane.
 *
 * <p>{@link #close()} reports {@link RealtimeStatus#CLOSED} to the status listeners as the last
 * callback of this client; after it returns no listener is called any more and no thread or timer
 * of this client remains (the shared threads end when the last client in the JVM closes).
 * After it, {@link #connect()}, {@link #conversation(UUID)}, {@link #user(UUID)},
 * {@link #onStatus(Consumer)} and, on the channel handles, every {@code on...} registration and
 * {@code sendTyping()} throw {@link IllegalStateException}, and {@code joined()} returns a future
 * failed with it; after {@code Poolse.close()} its message is "this Poolse client is closed".
 * {@link #disconnect()}, {@link #leave(UUID)} and {@code close()} itself stay harmless no-ops.
 */
public interface PoolseRealtime extends AutoCloseable {

    /**
     * The current socket status.
     *
     * @return the status
     */
    RealtimeStatus status();

    /**
     * Listens to status changes ({@code IDLE -> CONNECTING -> CONNECTED}, then {@code RECONNECTING}
     * and {@code CONNECTED} again after a drop, {@code CLOSED} after {@link #disconnect()} and
     * {@link #close()}). Each change is reported once, in order, on the status lane of the
     * callback executor. {@code CLOSED} is the last status a {@code disconnect()} reports, and the
     * last callback of any kind that a {@code close()} makes, even for a client that never
     * connected, so that an "offline" indicator always settles.
     *
     * @param listener called with each new status; not {@code null}
     * @return removes the listener
     * @throws IllegalStateException after {@link #close()} (the listener could never be called)
     */
    Subscription onStatus(Consumer<? super RealtimeStatus> listener);

    /** Opens the socket if it is not open or opening. Idempotent; usually implicit. */
    void connect();

    /**
     * Closes the socket without reconnecting; channel handles stay valid and rejoin on the next
     * {@link #connect()} or channel request. Status listeners get {@code CLOSED} after any status
     * reported before, and no other status until the next connect.
     */
    void disconnect();

    /**
     * The channel of a conversation, joined on first request. The same id always returns the same
     * handle until it is {@linkplain #leave(UUID) left} or ended by the server. Its
     * {@code message:new} delivery starts at the first join; to start from a history page, use
     * {@link #conversation(UUID, ResumeFrom)}.
     *
     * @param conversationId the conversation; not {@code null}
     * @return the channel handle
     * @throws IllegalStateException after {@link #close()}
     */
    ConversationChannel conversation(UUID conversationId);

    /**
     * The channel of a conversation, delivering {@code message:new} from a starting point the
     * application chooses, usually the newest message of a history page it loaded over REST, so
     * that history and live meet without a seam: every main-feed message after
     * {@code from}'s sequence reaches {@code onMessage} listeners exactly once, in sequence order,
     * whether it was stored before the join, during it or after it.
     *
     * <p>Such a channel joins when its first {@code onMessage} listener is added (not at once), so
     * that listener sees the catch-up from the start. With {@link ResumeFrom#firstJoin()} this is
     * {@link #conversation(UUID)}.
     *
     * @param conversationId the conversation; not {@code null}
     * @param from where delivery starts; not {@code null}
     * @return the channel handle
     * @throws IllegalStateException after {@link #close()}, or if the conversation's channel is
     *     already open with another starting point (a starting point applies only to a new channel:
     *     {@link #leave(UUID)} it first)
     */
    ConversationChannel conversation(UUID conversationId, ResumeFrom from);

    /**
     * The user's own channel ({@code user:<id>}); only the user the token belongs to may join it,
     * any other id is refused (reported to the channel's {@code onError} and to
     * {@code onSocketError}). Same handle for the same id.
     *
     * @param userId the user id of the current token; not {@code null}
     * @return the channel handle
     * @throws IllegalStateException after {@link #close()}
     */
    UserChannel user(UUID userId);

    /**
     * Calls of the current user, over the user's own channel; the user id comes from the token's
     * {@code sub} (or {@code GET /v1/me}). Same handle on every call; opens the socket.
     *
     * @return the calls client
     * @throws IllegalStateException after {@link #close()}
     */
    Calls calls();

    /**
     * The voice room of a conversation; same handle for the same id. Nothing happens on the wire
     * until its first {@link VoiceRoom#join()}.
     *
     * @param conversationId the conversation; not {@code null}
     * @return the room handle
     * @throws IllegalStateException after {@link #close()}
     */
    VoiceRoom voiceRoom(UUID conversationId);

    /**
     * Leaves a conversation channel and drops its handle: its listeners are not called again, and a
     * later {@link #conversation(UUID)} makes a new handle. Unknown ids are ignored.
     *
     * @param conversationId the conversation; not {@code null}
     */
    void leave(UUID conversationId);

    /**
     * Leaves every channel, closes the socket and releases timers and threads. Idempotent.
     *
     * <p>Channel listeners are not called once {@code close()} starts (queued events are dropped).
     * Status listeners then get {@code CLOSED}, unless it was the last status they got (after a
     * {@link #disconnect()}), and that is the last callback: error reports that race with the close
     * are dropped. {@code close()} waits a bounded time (5 s in all) for the I/O thread to finish
     * the shutdown and for that last callback to have run, so nothing is called after it returns.
     * Called from a listener it cannot wait for the listeners (they run one at a time, perhaps on
     * the only callback thread): it returns at once, and {@code CLOSED} follows once that listener
     * returns.
     */
    @Override
    void close();
}
