package dev.poolse.sdk;

/**
 * A registered listener. Closing it removes the listener; closing twice is harmless.
 *
 * <pre>{@code
 * try (Subscription s = channel.onMessage(msg -> render(msg))) {
 *     ...
 * } // listener removed here
 * }</pre>
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Removes the listener. Idempotent and never throws. */
    @Override
    void close();
}
