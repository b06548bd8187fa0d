package io.ces.domain.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    @Test
    void settingsBecomeAPolicy() {
        RateLimitPolicy policy = RateLimitPolicy.fromSettings("ces.rate-limit.frames", true, 200, 100, 10);

        assertEquals(new RateLimitPolicy(true, 200, 100, Duration.ofSeconds(10)), policy);
    }

    @Test
    void aBadSettingIsRefusedByItsPropertyName() {
        IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.fromSettings("ces.rate-limit.registrations", true, 0, 10, 60));
        IllegalArgumentException refill = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.fromSettings("ces.rate-limit.registrations", true, 10, -1, 60));
        IllegalArgumentException period = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.fromSettings("ces.rate-limit.connections", true, 10, 10, 86_401));

        assertEquals("ces.rate-limit.registrations.capacity must be between 1 and 1000000, was 0", capacity.getMessage());
        assertTrue(refill.getMessage().startsWith("ces.rate-limit.registrations.refill-tokens "), refill.getMessage());
        assertTrue(period.getMessage().startsWith("ces.rate-limit.connections.refill-seconds "), period.getMessage());
    }

    @Test
    void aDisabledPolicyIsStillChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.fromSettings("ces.rate-limit.frames", false, 0, 10, 10));
    }

    @Test
    void timeToFillCountsWholeRefillPeriods() {
        assertEquals(Duration.ofSeconds(60), new RateLimitPolicy(true, 60, 60, Duration.ofSeconds(60)).timeToFill());
        assertEquals(Duration.ofSeconds(20), new RateLimitPolicy(true, 200, 100, Duration.ofSeconds(10)).timeToFill());
        assertEquals(Duration.ofSeconds(30), new RateLimitPolicy(true, 201, 100, Duration.ofSeconds(10)).timeToFill());
        assertEquals(Duration.ofSeconds(5), new RateLimitPolicy(true, 5, 50, Duration.ofSeconds(5)).timeToFill());
    }
}
