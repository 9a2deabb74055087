package dev.poolse.sdk.realtime.phoenix;

import java.net.URI;

/**
 * Opens WebSocket connections for a {@link PhoenixSocket}. The Netty implementation lives in
 * {@code dev.poolse.sdk.realtime.transport}; tests use an in-memory fake.
 *
 * <p>Every {@link Listener} method must be invoked through the socket's {@link Scheduler} thread
 * (the Netty transport registers its channels on that very event loop).
 */
public interface Transport {

    /**
     * Starts one connection attempt. Exactly one of {@link Listener#onOpen} or
     * {@link Listener#onClose} follows (after {@code onOpen}, {@code onClose} follows once the
     * connection ends).
     *
     * @param uri the full WebSocket URL, query included
     * @param listener receives the connection's events
     * @return the connection, usable to send once {@code onOpen} has been called
     */
    Connection connect(URI uri, Listener listener);

    /** One WebSocket connection. */
    interface Connection {
        /**
         * Sends one text frame. Ignored once the connection is closing.
         *
         * @param text the frame text
         */
        void send(String text);

        /**
         * Closes the connection; {@link Listener#onClose} follows.
         *
         * @param code the WebSocket close code
         * @param reason the close reason
         */
        void close(int code, String reason);
    }

    /** Events of one connection. */
    interface Listener {
        /** The upgrade succeeded. */
        void onOpen();

        /**
         * A text frame arrived.
         *
         * @param text the frame text
         */
        void onText(String text);

        /**
         * A text frame arrived, as its UTF-8 bytes. Transports that have the bytes call this,
         * sparing the listener a decode into a {@code String}; by default it decodes them and
         * calls {@link #onText(String)}.
         *
         * @param utf8 the frame's bytes; the listener may keep them
         */
        default void onText(byte[] utf8) {
            onText(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * The connection ended or could not be established.
         *
         * @param code the close code (1006 when there was none)
         * @param reason the close reason, never {@code null}
         * @param cause why it failed, or {@code null} for an orderly close
         */
        void onClose(int code, String reason, Throwable cause);
    }
}
