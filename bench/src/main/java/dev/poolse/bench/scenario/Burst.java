package dev.poolse.bench.scenario;

import dev.poolse.bench.raw.RawRestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Sends a fixed number of messages from a few threads as fast as the server accepts them, noting when each send
 * started, so delivery latency can be measured from the REST call to the listener.
 */
final class Burst {

    private Burst() {
    }

    /**
     * Sends {@code count} messages and returns once every send has answered or the deadline passed.
     *
     * @param client the sender
     * @param conversationId where to send
     * @param count how many messages; message {@code i} gets body {@code body.apply(i)}
     * @param threads sending threads
     * @param body the body of message {@code i}
     * @param sendStart filled with {@link System#nanoTime()} at the start of each send; length at least count
     * @param deadlineNanos a {@link System#nanoTime()} after which no further send starts
     * @return how many sends succeeded (failed ones and those the deadline stopped are not counted)
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    static long send(RawRestClient client, UUID conversationId, int count, int threads, IntFunction<String> body,
                     long[] sendStart, long deadlineNanos) throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicReference<Exception> first = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                for (int i = worker; i < count && System.nanoTime() < deadlineNanos; i += threads) {
                    sendStart[i] = System.nanoTime();
                    try {
                        client.sendMessage(conversationId, body.apply(i));
                        succeeded.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                }
            }, "bench-burst-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000) + 30_000);
        }
        if (first.get() != null) {
            System.err.println("[poolse-bench] " + failures.get() + " sends failed, first: " + first.get());
        }
        return succeeded.get();
    }
}
