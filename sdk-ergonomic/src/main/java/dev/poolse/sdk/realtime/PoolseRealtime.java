package dev.poolse.sdk.realtime;

/**
 * The realtime half of the SDK (seam placeholder: the realtime implementation replaces this file).
 */
public interface PoolseRealtime extends AutoCloseable {
    /** Current socket status. */
    RealtimeStatus status();

    /** Closes the socket, leaves every channel and releases timers. */
    @Override
    void close();
}
