package io.ces.domain.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ces.domain.ratelimit.FrameThrottle.Outcome;

class FrameThrottleTest {

    /** Plain counting buckets that never refill, and a record of which budgets were asked. */
    private static final class CountingLimiter implements RateLimiter {
        final Map<LimitedAction, Long> left = new EnumMap<>(LimitedAction.class);
        final List<LimitedAction> asked = new ArrayList<>();

        CountingLimiter(long frames, long excess) {
            left.put(LimitedAction.CLIENT_FRAME, frames);
            left.put(LimitedAction.EXCESS_FRAME, excess);
        }

        @Override
        public Optional<RateLimitDecision> tryConsume(LimitedAction action, String subject) {
            asked.add(action);
            Long tokens = left.get(action);
            if (tokens == null) {
                return Optional.empty();
            }
            boolean allowed = tokens > 0;
            left.put(action, allowed ? tokens - 1 : 0);
            return Optional.of(new RateLimitDecision(allowed, 5, left.get(action),
                    allowed ? 0 : TimeUnit.MILLISECONDS.toNanos(2500), TimeUnit.SECONDS.toNanos(10)));
        }
    }

    @Test
    void framesWithinTheBudgetAreServedWithoutTouchingTheExcessBudget() {
        CountingLimiter limiter = new CountingLimiter(2, 1);
        FrameThrottle throttle = new FrameThrottle(limiter);

        assertEquals(Outcome.SERVE, throttle.admit("s").outcome());
        assertEquals(Outcome.SERVE, throttle.admit("s").outcome());
        assertEquals(List.of(LimitedAction.CLIENT_FRAME, LimitedAction.CLIENT_FRAME), limiter.asked);
    }

    @Test
    void pastTheBudgetFramesAreRefusedThenTheSocketIsClosed() {
        FrameThrottle throttle = new FrameThrottle(new CountingLimiter(1, 2));

        assertEquals(Outcome.SERVE, throttle.admit("s").outcome());
        FrameThrottle.Verdict refused = throttle.admit("s");
        assertEquals(Outcome.REFUSE, refused.outcome());
        assertEquals(3, refused.retryAfterSeconds());
        assertEquals(Outcome.REFUSE, throttle.admit("s").outcome());
        assertEquals(Outcome.CLOSE, throttle.admit("s").outcome());
    }

    @Test
    void anUnlimitedOrUnreachableBudgetServesEverything() {
        CountingLimiter limiter = new CountingLimiter(0, 0);
        limiter.left.remove(LimitedAction.CLIENT_FRAME);
        FrameThrottle throttle = new FrameThrottle(limiter);

        assertEquals(Outcome.SERVE, throttle.admit("s").outcome());
    }

    @Test
    void anUnreachableExcessBudgetRefusesWithoutClosing() {
        CountingLimiter limiter = new CountingLimiter(0, 0);
        limiter.left.remove(LimitedAction.EXCESS_FRAME);

        assertEquals(Outcome.REFUSE, new FrameThrottle(limiter).admit("s").outcome());
    }
}
