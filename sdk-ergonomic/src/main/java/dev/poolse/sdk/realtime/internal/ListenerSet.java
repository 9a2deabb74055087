package dev.poolse.sdk.realtime.internal;

import dev.poolse.sdk.Subscription;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The listeners of one event. Thread-safe: adds and removals may race with dispatch; a listener
 * whose subscription was closed is skipped even if a dispatch already took it from the list.
 *
 * <p>Copy on write over a plain array: a conversation channel holds eleven of these, most of them
 * empty for good, so an empty set is one small object sharing one empty array (a
 * {@code CopyOnWriteArrayList} cost three objects each).
 *
 * @param <T> the event type
 */
final class ListenerSet<T> {
    private static final Entry<?>[] NONE = new Entry<?>[0];

    /** Replaced, never modified, under {@code this}; read without a lock. */
    private volatile Entry<?>[] entries = NONE;

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
        synchronized (this) {
            Entry<?>[] next = Arrays.copyOf(entries, entries.length + 1);
            next[next.length - 1] = entry;
            entries = next;
        }
        return () -> {
            entry.active = false;
            remove(entry);
        };
    }

    private synchronized void remove(Entry<T> entry) {
        Entry<?>[] current = entries;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == entry) {
                Entry<?>[] next = new Entry<?>[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                entries = next.length == 0 ? NONE : next;
                return;
            }
        }
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    @SuppressWarnings("unchecked")
    void dispatch(T value, BiConsumer<Consumer<? super T>, Throwable> onFailure) {
        for (Entry<?> e : entries) {
            Entry<T> entry = (Entry<T>) e;
            if (!entry.active) {
                continue;
            }
            try {
                entry.listener.accept(value);
            } catch (RuntimeException | Error err) {
                if (err instanceof VirtualMachineError vme) {
                    throw vme;
                }
                onFailure.accept(entry.listener, err);
            }
        }
    }

    void clear() {
        Entry<?>[] current;
        synchronized (this) {
            current = entries;
            entries = NONE;
        }
        for (Entry<?> entry : current) {
            entry.active = false;
        }
    }
}
