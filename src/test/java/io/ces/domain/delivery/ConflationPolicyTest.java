package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConflationPolicyTest {

    private final ConflationPolicy policy = ConflationPolicy.forRooms(List.of("ticker-*", "prices"));

    @Test
    void onlyRoomsMatchingAPatternAreConflated() {
        assertTrue(policy.conflates("ticker-eur"));
        assertTrue(policy.conflates("prices"));
        assertFalse(policy.conflates("prices-2"));
        assertFalse(policy.conflates("cr_1"));
        assertFalse(ConflationPolicy.NONE.isEnabled());
        assertFalse(ConflationPolicy.forRooms(List.of()).isEnabled());
    }

    @Test
    void anInvalidPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConflationPolicy.forRooms(List.of("ticker #1")));
    }

    @Test
    void theQueueKeyIsPerRoomAndOnlyForConflatedRoomsAndKeyedEvents() {
        String event = "{\"id\":\"1\"}";
        assertEquals("ticker-eur\u0000EURUSD", policy.queueKey("ticker-eur", "EURUSD", event));
        assertNotEquals(policy.queueKey("ticker-eur", "X", event), policy.queueKey("ticker-usd", "X", event));
        assertNull(policy.queueKey("cr_1", "EURUSD", event));
        assertNull(policy.queueKey("ticker-eur", null, event));
    }

    @Test
    void theConflationKeyExtensionWinsOverTheRecordKey() {
        assertEquals("EURUSD", ConflationKeys.of("ticker-eur",
                "{\"id\":\"1\",\"data\":{\"conflationkey\":\"nested\"},\"conflationkey\":\"EURUSD\"}"));
        assertEquals("ticker-eur", ConflationKeys.of("ticker-eur", "{\"id\":\"1\",\"data\":{\"conflationkey\":\"x\"}}"));
        assertEquals("ticker-eur", ConflationKeys.of("ticker-eur", "{\"id\":\"1\",\"conflationkey\":7}"));
        assertEquals("EURUSD", ConflationKeys.of(null, "{\"conflationkey\":\"EURUSD\"}"));
        assertNull(ConflationKeys.of(null, "{\"id\":\"1\"}"));
        assertNull(ConflationKeys.of("", "{\"id\":\"1\",\"conflationkey\":\"\"}"));
    }
}
