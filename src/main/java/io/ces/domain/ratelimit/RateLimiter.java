package io.ces.domain.ratelimit;

import java.util.Optional;

/**
 * The buckets of every limit, shared by all replicas. An attempt takes one token from the bucket of its action and
 * subject.
 */
public interface RateLimiter {

    /**
     * Takes one token for {@code subject} from the budget of {@code action}: the decision, or empty when the action is
     * not limited or its buckets cannot be reached (an attempt is then allowed: the limits protect the service, they
     * must not take it down with them).
     */
    Optional<RateLimitDecision> tryConsume(LimitedAction action, String subject);
}
