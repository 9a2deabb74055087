package dev.poolse.sdk.realtime;

/** Lifecycle of the realtime socket, as reported by {@code PoolseRealtime.status()} and {@code onStatus}. */
public enum RealtimeStatus {
    /** No socket yet: nothing has asked for a channel. */
    IDLE,
    /** The first connection attempt is in progress. */
    CONNECTING,
    /** The socket is open. */
    CONNECTED,
    /** The socket dropped without being asked to; reconnecting with backoff. */
    RECONNECTING,
    /** Closed on request ({@code disconnect()} or {@code Poolse.close()}). */
    CLOSED
}
