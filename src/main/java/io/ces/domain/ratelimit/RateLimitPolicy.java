package io.ces.domain.ratelimit;

import java.time.Duration;

/**
 * A token bucket: at most {@code capacity} attempts at once, refilled with {@code refillTokens} every
 * {@code refillPeriod} (greedily, a token at a time). A policy that is not enabled allows everything.
 */
public record RateLimitPolicy(boolean enabled, long capacity, long refillTokens, Duration refillPeriod) {

    public static final long MAX_TOKENS = 1_000_000;
    public static final long MAX_PERIOD_SECONDS = 86_400;

    public RateLimitPolicy {
        if (capacity < 1 || capacity > MAX_TOKENS) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_TOKENS + ", was " + capacity);
        }
        if (refillTokens < 1 || refillTokens > MAX_TOKENS) {
            throw new IllegalArgumentException(
                    "refill tokens must be between 1 and " + MAX_TOKENS + ", was " + refillTokens);
        }
        if (refillPeriod == null || refillPeriod.getSeconds() < 1 || refillPeriod.getSeconds() > MAX_PERIOD_SECONDS) {
            throw new IllegalArgumentException(
                    "refill period must be between 1 and " + MAX_PERIOD_SECONDS + " seconds, was " + refillPeriod);
        }
    }

    /**
     * The policy of the settings {@code <prefix>.enabled/.capacity/.refill-tokens/.refill-seconds}; a bad value is
     * refused with a message that names its property.
     */
    public static RateLimitPolicy fromSettings(String prefix, boolean enabled, long capacity, long refillTokens,
            long refillSeconds) {
        requireRange(prefix + ".capacity", capacity, 1, MAX_TOKENS);
        requireRange(prefix + ".refill-tokens", refillTokens, 1, MAX_TOKENS);
        requireRange(prefix + ".refill-seconds", refillSeconds, 1, MAX_PERIOD_SECONDS);
        return new RateLimitPolicy(enabled, capacity, refillTokens, Duration.ofSeconds(refillSeconds));
    }

    private static void requireRange(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /**
     * How long an empty bucket takes to fill up again. A bucket untouched for this long is full, so forgetting it
     * then loses nothing: this is how long an idle bucket must be kept.
     */
    public Duration timeToFill() {
        long periods = (capacity + refillTokens - 1) / refillTokens;
        return refillPeriod.multipliedBy(periods);
    }
}
