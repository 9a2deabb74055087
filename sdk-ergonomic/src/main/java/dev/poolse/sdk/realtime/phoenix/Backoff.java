package dev.poolse.sdk.realtime.phoenix;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A retry delay schedule: attempt 1 is the first retry. Replaceable so that applications and tests
 * can choose their own.
 */
@FunctionalInterface
public interface Backoff {

    /** Phoenix's reconnect schedule in milliseconds; after the last step the socket waits 5 s. */
    List<Long> RECONNECT_STEPS_MS = List.of(10L, 50L, 100L, 150L, 200L, 250L, 500L, 1000L, 2000L);
    /** Delay after the reconnect steps are exhausted. */
    long RECONNECT_CAP_MS = 5000L;
    /** Phoenix's channel rejoin schedule in milliseconds; after the last step it waits 10 s. */
    List<Long> REJOIN_STEPS_MS = List.of(1000L, 2000L, 5000L);
    /** Delay after the rejoin steps are exhausted. */
    long REJOIN_CAP_MS = 10_000L;

    /**
     * The delay before the given attempt.
     *
     * @param attempt the attempt number, 1 for the first retry
     * @return the delay, never negative
     */
    Duration delay(int attempt);

    /**
     * Phoenix's reconnect schedule (10, 50, 100, 150, 200, 250, 500, 1000, 2000 ms, then 5 s) with
     * up to 20 % random jitter added, so that many clients dropped at once do not reconnect in
     * lockstep.
     *
     * @return the schedule
     */
    static Backoff reconnect() {
        return stepped(RECONNECT_STEPS_MS, RECONNECT_CAP_MS, 0.2, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Phoenix's rejoin schedule (1, 2, 5 s, then 10 s), without jitter.
     *
     * @return the schedule
     */
    static Backoff rejoin() {
        return stepped(REJOIN_STEPS_MS, REJOIN_CAP_MS, 0.0, () -> 0.0);
    }

    /**
     * A stepped schedule: {@code steps[attempt-1]}, then {@code cap}, each stretched by
     * {@code jitter * random} of itself.
     *
     * @param steps delays in milliseconds for the first attempts; not empty
     * @param capMs delay once the steps are exhausted
     * @param jitter the largest extra fraction, in [0, 1]
     * @param random a source of numbers in [0, 1)
     * @return the schedule
     */
    static Backoff stepped(List<Long> steps, long capMs, double jitter, DoubleSupplier random) {
        List<Long> copy = List.copyOf(Objects.requireNonNull(steps, "steps"));
        Objects.requireNonNull(random, "random");
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("steps must not be empty");
        }
        if (capMs < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("capMs must be >= 0 and jitter in [0, 1]");
        }
        return attempt -> {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be >= 1, got: " + attempt);
            }
            long base = attempt <= copy.size() ? copy.get(attempt - 1) : capMs;
            long extra = (long) (base * jitter * random.getAsDouble());
            return Duration.ofMillis(base + extra);
        };
    }
}
