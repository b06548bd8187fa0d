/**
 * Rate limits as plain values: what a limit allows ({@link io.ces.domain.ratelimit.RateLimitPolicy}), what one
 * attempt was told ({@link io.ces.domain.ratelimit.RateLimitDecision}), the {@link io.ces.domain.ratelimit.RateLimiter}
 * port that keeps the buckets, and the two budgets of a socket's frames ({@link io.ces.domain.ratelimit.FrameThrottle}).
 */
package io.ces.domain.ratelimit;
