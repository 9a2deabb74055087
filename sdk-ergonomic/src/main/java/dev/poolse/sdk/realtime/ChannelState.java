package dev.poolse.sdk.realtime;

/** Lifecycle of one channel, as Phoenix defines it. */
public enum ChannelState {
    /** Not joined: never joined, left, or ended by the server with {@code phx_close}. Final. */
    CLOSED,
    /** The join is sent (or waits for the socket) and has no reply yet. */
    JOINING,
    /** The server accepted the join; events flow. */
    JOINED,
    /** The join was refused, timed out, the channel crashed or the socket dropped; a rejoin is scheduled. */
    ERRORED,
    /** A leave was requested and is in flight. */
    LEAVING
}
