package dev.poolse.sdk.internal.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP attempt sent with the blocking {@code HttpClient.send} on the thread that runs it (a
 * blocking call's own thread, see {@link CallerRuns}, or an async call's attempt thread, see
 * {@link AttemptThreads}), as a future the pipeline treats like a {@code sendAsync} one.
 *
 * <p>Cancelling it (a timeout, the caller cancelling, the client closing) interrupts the thread
 * while it is inside {@code send}, which makes the JDK abort the exchange. The interrupt is sent and
 * cleared under one lock, so it is never left set on the thread once the attempt is over, and an
 * attempt thread goes on to its next attempt uninterrupted. An interrupt that did not come from
 * {@link #cancel} is the thread owner's: the attempt then ends cancelled and the interrupt flag is
 * restored for the owner (a blocking call's waiting loop) to act on.
 *
 * @param <T> body type
 */
final class BlockingAttempt<T> extends CompletableFuture<HttpResponse<T>> {
    private final Object lock = new Object();
    private Thread runner;
    private boolean interruptedByCancel;

    /**
     * Sends the request on this thread and completes with the outcome; does nothing if already
     * cancelled.
     *
     * @param http the client
     * @param request the request
     * @param handler the body handler
     */
    void run(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        synchronized (lock) {
            if (isDone()) {
                return;
            }
            runner = Thread.currentThread();
        }
        HttpResponse<T> response = null;
        Throwable failure = null;
        try {
            response = http.send(request, handler);
        } catch (InterruptedException | IOException | RuntimeException e) {
            failure = e;
        }
        boolean ours;
        synchronized (lock) {
            runner = null;
            ours = interruptedByCancel;
        }
        if (ours) {
            Thread.interrupted(); // the interrupt cancel() sent, if send() did not consume it
        } else if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while sending");
            cancelled.initCause(failure);
            failure = cancelled;
        }
        if (failure != null) {
            completeExceptionally(failure);
        } else {
            complete(response);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        synchronized (lock) {
            if (runner != null && runner != Thread.currentThread()) {
                interruptedByCancel = true;
                runner.interrupt();
            }
        }
        return cancelled;
    }
}
