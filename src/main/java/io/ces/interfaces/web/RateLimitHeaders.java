package io.ces.interfaces.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ces.domain.ratelimit.RateLimitDecision;

/**
 * The response headers of a rate-limited request: RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset
 * (draft-ietf-httpapi-ratelimit-headers) on every answer, and Retry-After (RFC 9110) on a refusal.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {
    }

    /** Header names to values, in the order they are written. */
    public static Map<String, String> of(RateLimitDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT, Long.toString(decision.limit()));
        headers.put(REMAINING, Long.toString(decision.remaining()));
        headers.put(RESET, Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.put(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        }
        return headers;
    }
}
