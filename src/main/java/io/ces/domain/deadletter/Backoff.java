package io.ces.domain.deadletter;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the wait before retry n is a random share of
 * {@code min(max, initial * 2^(n-1))}, so replicas that failed together do not retry together.
 *
 * @param maxRetries retries after the first attempt; after the last one the record is dead-lettered
 */
public record Backoff(Duration initial, Duration max, int maxRetries) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the maximum backoff must not be below the initial one");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("the number of retries must not be negative");
        }
    }

    /** The wait before retry {@code retry} (1-based), with {@code random} giving values in [0, 1). */
    public Duration delayBefore(int retry, DoubleSupplier random) {
        long cap = max.toMillis();
        long ceiling = initial.toMillis();
        for (int i = 1; i < retry && ceiling < cap; i++) {
            ceiling = Math.min(cap, ceiling * 2);
        }
        ceiling = Math.min(cap, ceiling);
        // never zero: a retry at once would hit the same outage
        return Duration.ofMillis(Math.max(1, (long) (ceiling * random.getAsDouble())));
    }

    public boolean exhaustedAfter(int retries) {
        return retries >= maxRetries;
    }
}
