package dev.poolse.sdk.internal.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (0-based) is uniform in
 * {@code [0, min(maxBackoff, base * 2^n))}. Full jitter spreads a crowd of clients that failed
 * together, which fixed or "equal" jitter does not.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param base the first ceiling
     * @param max the cap of every ceiling
     * @param random uniform values in [0, 1); injectable for tests
     */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
    }

    /**
     * Backoff with {@link ThreadLocalRandom}.
     *
     * @param base the first ceiling
     * @param max the cap of every ceiling
     */
    public Backoff(Duration base, Duration max) {
        this(base, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @return the cap of a single delay ({@code maxBackoff}) */
    public Duration max() {
        return max;
    }

    /**
     * @param retry 0 for the first retry
     * @return the ceiling of the jittered delay for that retry
     */
    public Duration ceiling(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative");
        }
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        // Shifting past 62 bits overflows; by then the cap has long been reached.
        long ceiling = retry >= 62 || baseMillis > (maxMillis >> Math.min(retry, 62)) ? maxMillis : baseMillis << retry;
        return Duration.ofMillis(Math.min(ceiling, maxMillis));
    }

    /**
     * @param retry 0 for the first retry
     * @return a delay uniform in [0, ceiling(retry))
     */
    public Duration delay(int retry) {
        return Duration.ofMillis((long) (ceiling(retry).toMillis() * random.getAsDouble()));
    }
}
