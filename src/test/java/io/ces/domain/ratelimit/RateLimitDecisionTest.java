package io.ces.domain.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RateLimitDecisionTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void secondsAreRoundedUp() {
        RateLimitDecision refused = new RateLimitDecision(false, 10, 0, SECOND + 1, 59 * SECOND + 500);

        assertEquals(2, refused.retryAfterSeconds());
        assertEquals(60, refused.resetSeconds());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertEquals(1, new RateLimitDecision(false, 10, 0, 0, 0).retryAfterSeconds());
        assertEquals(1, new RateLimitDecision(false, 10, 0, 1, 1).retryAfterSeconds());
    }

    @Test
    void aFullBucketResetsInZeroSeconds() {
        assertEquals(0, new RateLimitDecision(true, 10, 10, 0, 0).resetSeconds());
        assertEquals(3, new RateLimitDecision(true, 10, 9, 0, 3 * SECOND).resetSeconds());
    }

    @Test
    void negativeValuesAreClampedToZero() {
        RateLimitDecision decision = new RateLimitDecision(true, 10, -1, -5, -5);

        assertEquals(0, decision.remaining());
        assertEquals(0, decision.resetSeconds());
    }
}
