package io.ces.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ces.domain.ratelimit.RateLimitDecision;

class RateLimitHeadersTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void anAllowedRequestCarriesTheRateLimitHeadersOnly() {
        Map<String, String> headers = RateLimitHeaders.of(new RateLimitDecision(true, 60, 41, 0, 19 * SECOND));

        assertEquals(Map.of("RateLimit-Limit", "60", "RateLimit-Remaining", "41", "RateLimit-Reset", "19"), headers);
    }

    @Test
    void aRefusalAddsRetryAfterInWholeSeconds() {
        Map<String, String> headers = RateLimitHeaders.of(
                new RateLimitDecision(false, 60, 0, SECOND / 2, 60 * SECOND));

        assertEquals(List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"),
                List.copyOf(headers.keySet()));
        assertEquals("0", headers.get("RateLimit-Remaining"));
        assertEquals("60", headers.get("RateLimit-Reset"));
        assertEquals("1", headers.get("Retry-After"));
    }
}
