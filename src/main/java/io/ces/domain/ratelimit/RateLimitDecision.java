package io.ces.domain.ratelimit;

import java.util.concurrent.TimeUnit;

/**
 * The answer to one attempt: whether it was allowed, the bucket's capacity, the attempts left, how long until the
 * next attempt would be allowed ({@code nanosToRetry}, 0 when allowed) and until the bucket is full again.
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long nanosToRetry, long nanosToFull) {

    public RateLimitDecision {
        remaining = Math.max(0, remaining);
        nanosToRetry = Math.max(0, nanosToRetry);
        nanosToFull = Math.max(0, nanosToFull);
    }

    /** Whole seconds to wait before trying again, rounded up and at least 1, as Retry-After wants it. */
    public long retryAfterSeconds() {
        return Math.max(1, secondsRoundedUp(nanosToRetry));
    }

    /** Whole seconds until the bucket is full again, rounded up; 0 when it is full. */
    public long resetSeconds() {
        return secondsRoundedUp(nanosToFull);
    }

    private static long secondsRoundedUp(long nanos) {
        long perSecond = TimeUnit.SECONDS.toNanos(1);
        return nanos / perSecond + (nanos % perSecond == 0 ? 0 : 1);
    }
}
