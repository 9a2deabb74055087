package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.Message;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Bounds how many missed-message fetches one realtime client has in flight; the rest wait in a
 * first-in, first-out queue.
 *
 * <p>Every channel fetches after each join (see {@link MessageFeed}), so a socket carrying
 * thousands of channels would otherwise start thousands of REST calls at once on every connect
 * and reconnect: a burst that opens hundreds of HTTP connections, holds their buffers, and hits
 * the server all at the same moment. Queued, the same fetches run a few at a time over a few
 * pooled connections. Token and other calls pass straight through.
 *
 * <p>Thread-safe: fetches are started on the caller's thread (the engine thread) or on the thread
 * that completes an earlier fetch; they only start an asynchronous REST call, so neither blocks.
 */
final class CatchUpLimiter implements RealtimeBackend {

    /** Fetches in flight at once per client, by default. */
    static final int DEFAULT_MAX_IN_FLIGHT = 8;

    private final RealtimeBackend backend;
    private final int maxInFlight;
    private final Queue<Pending<?>> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    /**
     * @param backend where calls go
     * @param maxInFlight the most fetches running at once; at least 1
     */
    CatchUpLimiter(RealtimeBackend backend, int maxInFlight) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    @Override
    public CompletableFuture<String> currentToken() {
        return backend.currentToken();
    }

    @Override
    public CompletableFuture<java.util.UUID> currentUserId() {
        return backend.currentUserId();
    }

    @Override
    public void invalidateToken() {
        backend.invalidateToken();
    }

    /**
     * Starts the fetch now if fewer than the maximum are running, otherwise queues it. A queued
     * fetch whose future was cancelled is skipped when its turn comes.
     */
    @Override
    public CompletableFuture<List<Message>> listMessages(UUID conversationId, Long beforeSequence, int limit) {
        return limited(() -> backend.listMessages(conversationId, beforeSequence, limit));
    }

    /** Bounded like {@link #listMessages}: a replay is the same kind of catch-up fetch. */
    @Override
    public CompletableFuture<ConversationEventList> listEvents(UUID conversationId, long afterRevision, int limit) {
        return limited(() -> backend.listEvents(conversationId, afterRevision, limit));
    }

    private <T> CompletableFuture<T> limited(Supplier<CompletableFuture<T>> call) {
        Pending<T> p = new Pending<>(call);
        synchronized (this) {
            if (closed) {
                p.result.completeExceptionally(new CancellationException("the realtime client is closed"));
                return p.result;
            }
            if (inFlight >= maxInFlight) {
                waiting.add(p);
                return p.result;
            }
            inFlight++;
        }
        start(p);
        return p.result;
    }

    /** Fails every queued fetch and starts no more; fetches already running finish on their own. */
    void close() {
        List<Pending<?>> dropped;
        synchronized (this) {
            closed = true;
            dropped = List.copyOf(waiting);
            waiting.clear();
        }
        for (Pending<?> p : dropped) {
            p.result.completeExceptionally(new CancellationException("the realtime client is closed"));
        }
    }

    /** @return fetches running now */
    synchronized int inFlight() {
        return inFlight;
    }

    /** @return fetches waiting for a slot */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Runs {@code first} and, as each finishes, the next queued fetch, in the slot it frees. */
    private void start(Pending<?> first) {
        Pending<?> p = first;
        while (p != null) {
            CompletableFuture<?> call = p.invoke();
            if (!call.isDone()) {
                Pending<?> current = p;
                call.whenComplete((page, error) -> {
                    Pending<?> next = release();
                    current.settle(call, error);
                    start(next);
                });
                return;
            }
            // Finished at once (e.g. failed before any I/O): loop rather than recurse, so a long
            // queue of such fetches cannot overflow the stack.
            Pending<?> next = release();
            p.settle(call, call.isCompletedExceptionally() ? failure(call) : null);
            p = next;
        }
    }

    /** @return the next queued fetch, which takes over the finished one's slot; null frees the slot */
    private synchronized Pending<?> release() {
        Pending<?> next;
        do {
            next = closed ? null : waiting.poll();
        } while (next != null && next.result.isDone()); // cancelled while it waited
        if (next == null) {
            inFlight--;
        }
        return next;
    }

    private static Throwable failure(CompletableFuture<?> done) {
        try {
            done.join();
            return new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (CancellationException e) {
            return e;
        }
    }

    private static final class Pending<T> {
        final Supplier<CompletableFuture<T>> call;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(Supplier<CompletableFuture<T>> call) {
            this.call = call;
        }

        CompletableFuture<?> invoke() {
            try {
                return Objects.requireNonNull(call.get(), "the backend returned no future");
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** Completes the result like {@code done}, which has completed. */
        @SuppressWarnings("unchecked")
        void settle(CompletableFuture<?> done, Throwable error) {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete((T) done.join());
            }
        }
    }
}
