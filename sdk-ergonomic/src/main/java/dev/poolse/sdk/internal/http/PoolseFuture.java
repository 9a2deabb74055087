package dev.poolse.sdk.internal.http;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link CompletableFuture} whose {@code cancel} also aborts the work behind it (the HTTP
 * exchange, a pending retry wait). Dependent stages are plain futures: cancelling those does not
 * reach back here, as with any {@code CompletableFuture}.
 *
 * @param <T> the result type
 */
public final class PoolseFuture<T> extends CompletableFuture<T> {
    private volatile Runnable onCancel = () -> {};

    /** @param onCancel runs once when this future is cancelled */
    public void onCancel(Runnable onCancel) {
        this.onCancel = onCancel;
        if (isCancelled()) {
            onCancel.run();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            onCancel.run();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
