package dev.poolse.sdk.realtime.internal;

import dev.poolse.sdk.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The listeners of one event. Thread-safe: adds and removals may race with dispatch; a listener
 * whose subscription was closed is skipped even if a dispatch already took it from the list.
 *
 * @param <T> the event type
 */
final class ListenerSet<T> {
    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();

    private static final class Entry<T> {
        final Consumer<? super T> listener;
        volatile boolean active = true;

        Entry(Consumer<? super T> listener) {
            this.listener = listener;
        }
    }

    Subscription add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        Entry<T> entry = new Entry<>(listener);
        entries.add(entry);
        return () -> {
            entry.active = false;
            entries.remove(entry);
        };
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Calls every active listener; a throwing listener is reported and the others still run.
     *
     * @param value the event
     * @param onFailure receives a listener's failure
     */
    void dispatch(T value, BiConsumer<Consumer<? super T>, Throwable> onFailure) {
        for (Entry<T> entry : entries) {
            if (!entry.active) {
                continue;
            }
            try {
                entry.listener.accept(value);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                onFailure.accept(entry.listener, e);
            }
        }
    }

    void clear() {
        for (Entry<T> entry : entries) {
            entry.active = false;
        }
        entries.clear();
    }
}
