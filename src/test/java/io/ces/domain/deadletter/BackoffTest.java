package io.ces.domain.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 5);

    @Test
    void theCeilingDoublesPerRetryUpToTheMaximum() {
        assertEquals(Duration.ofMillis(100), backoff.delayBefore(1, () -> 1.0));
        assertEquals(Duration.ofMillis(199), backoff.delayBefore(2, () -> 0.999));
        assertEquals(Duration.ofMillis(400), backoff.delayBefore(3, () -> 1.0));
        assertEquals(Duration.ofSeconds(2), backoff.delayBefore(10, () -> 1.0));
        assertEquals(Duration.ofSeconds(2), backoff.delayBefore(1000, () -> 1.0), "no overflow on many retries");
    }

    @Test
    void jitterSpreadsTheWaitButNeverToZero() {
        assertEquals(Duration.ofMillis(200), backoff.delayBefore(3, () -> 0.5));
        assertEquals(Duration.ofMillis(1), backoff.delayBefore(3, () -> 0.0));
    }

    @Test
    void isExhaustedAfterTheConfiguredRetries() {
        assertFalse(backoff.exhaustedAfter(4));
        assertTrue(backoff.exhaustedAfter(5));
        assertTrue(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0).exhaustedAfter(0));
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), -1));
    }
}
