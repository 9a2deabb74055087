package dev.poolse.sdk.internal.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client-wide token bucket that limits retries, so a sustained outage does not multiply load by
 * {@code maxRetries + 1}. Each retry takes one token; each successful response puts one back (up to
 * the capacity). While faults are occasional successes keep the bucket full; during an outage it
 * drains and further calls fail after their first attempt until successes refill it.
 */
public final class RetryBudget {
    private final int capacity;
    private final AtomicInteger tokens;

    /** @param capacity the bucket size; 0 disables retries entirely */
    public RetryBudget(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("retry budget must not be negative, got: " + capacity);
        }
        this.capacity = capacity;
        this.tokens = new AtomicInteger(capacity);
    }

    /** @return whether a retry may proceed; takes one token when it may */
    public boolean tryAcquire() {
        while (true) {
            int t = tokens.get();
            if (t <= 0) {
                return false;
            }
            if (tokens.compareAndSet(t, t - 1)) {
                return true;
            }
        }
    }

    /** Puts one token back after a successful response. */
    public void onSuccess() {
        while (true) {
            int t = tokens.get();
            if (t >= capacity || tokens.compareAndSet(t, t + 1)) {
                return;
            }
        }
    }

    /** @return tokens left */
    public int available() {
        return tokens.get();
    }

    /** @return the bucket size */
    public int capacity() {
        return capacity;
    }
}
