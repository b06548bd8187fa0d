package io.ces.domain.ratelimit;

import java.util.Optional;

/**
 * The two budgets of a session's client frames. Within {@link LimitedAction#CLIENT_FRAME} a frame is served. Past
 * it, the frame is refused with an error frame while {@link LimitedAction#EXCESS_FRAME} lasts, so that a client that
 * merely went too fast learns why; a client that goes on flooding past that too is cut off.
 */
public final class FrameThrottle {

    /** What to do with one client frame. */
    public enum Outcome { SERVE, REFUSE, CLOSE }

    /** The outcome, and for a refusal how many seconds until a frame would be served again. */
    public record Verdict(Outcome outcome, long retryAfterSeconds) {

        static final Verdict SERVE = new Verdict(Outcome.SERVE, 0);
    }

    private final RateLimiter limiter;

    public FrameThrottle(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public Verdict admit(String sessionId) {
        Optional<RateLimitDecision> frame = limiter.tryConsume(LimitedAction.CLIENT_FRAME, sessionId);
        if (frame.isEmpty() || frame.get().allowed()) {
            return Verdict.SERVE;
        }
        Optional<RateLimitDecision> excess = limiter.tryConsume(LimitedAction.EXCESS_FRAME, sessionId);
        if (excess.isEmpty() || excess.get().allowed()) {
            return new Verdict(Outcome.REFUSE, frame.get().retryAfterSeconds());
        }
        return new Verdict(Outcome.CLOSE, frame.get().retryAfterSeconds());
    }
}
