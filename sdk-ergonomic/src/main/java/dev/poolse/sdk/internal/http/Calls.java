package dev.poolse.sdk.internal.http;

import dev.poolse.sdk.PoolseException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The blocking form of an async call. */
public final class Calls {
    private Calls() {}

    /**
     * Runs a call in blocking form: {@code start} is the call's async form; the calling thread then
     * runs the call's HTTP attempts itself ({@link CallerRuns}). Interruption, failures and
     * cancellation behave as in {@link #join}.
     *
     * @param start starts the call and returns its future; run once, on this thread
     * @param <T> result type
     * @return the result
     */
    public static <T> T blocking(java.util.function.Supplier<? extends CompletableFuture<T>> start) {
        return join(CallerRuns.call(start));
    }

    /**
     * What a blocking call does when its waiting thread is interrupted: cancel the call (aborting
     * the exchange and any retry wait) and restore the interrupt flag.
     *
     * @param future the call
     * @param e the interruption
     * @return the exception to throw, with {@code e} as its cause
     */
    static CancellationException interrupted(CompletableFuture<?> future, InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        CancellationException ce = new CancellationException("interrupted while waiting for the call");
        ce.initCause(e);
        return ce;
    }

    /**
     * Waits for {@code future}. Interrupting the waiting thread cancels the call (aborting the
     * exchange and any retry wait), restores the interrupt flag and throws
     * {@link CancellationException}. Failures are rethrown as they are, unwrapped.
     *
     * @param future the call
     * @param <T> result type
     * @return the result
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw interrupted(future, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new PoolseException("call failed", cause);
        }
    }
}
