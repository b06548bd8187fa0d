package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AckedPositionsTest {

    private static final CursorPosition CURSOR = new CursorPosition("ces.events", 2, 40);

    @Test
    void aRoomStartsAtItsSubscriptionAndAcksMoveItForwardOnly() {
        AckedPositions acked = new AckedPositions();
        acked.start("orders-1", new CursorPosition("ces.events", 2, 10));
        assertTrue(acked.acknowledge("orders-1", CURSOR, 20));
        assertFalse(acked.acknowledge("orders-1", CURSOR, 15), "a lower ack is covered by the higher one");
        assertFalse(acked.acknowledge("orders-1", CURSOR, 20), "a repeated ack changes nothing");
        assertEquals(new CursorPosition("ces.events", 2, 20), acked.of("orders-1"));
    }

    @Test
    void aRoomWithoutAnAckedPositionIsNotDeliveredAtLeastOnce() {
        assertNull(new AckedPositions().of("cr_1"));
    }

    @Test
    void aPositionFromBeforeThePartitionWasKnownLearnsItFromTheAck() {
        AckedPositions acked = new AckedPositions();
        acked.start("orders-1", new CursorPosition(null, -1, 10));
        assertTrue(acked.acknowledge("orders-1", CURSOR, 12));
        assertEquals(new CursorPosition("ces.events", 2, 12), acked.of("orders-1"));
    }

    @Test
    void anAckInAnotherPartitionReplacesThePosition() {
        AckedPositions acked = new AckedPositions();
        acked.acknowledge("orders-1", CURSOR, 30);
        assertTrue(acked.acknowledge("orders-1", new CursorPosition("ces.events.more", 0, 40), 3));
        assertEquals(new CursorPosition("ces.events.more", 0, 3), acked.of("orders-1"));
    }

    @Test
    void forgottenRoomsAreGoneAndRestoredOnesBack() {
        AckedPositions acked = new AckedPositions();
        acked.acknowledge("orders-1", CURSOR, 30);
        acked.acknowledge("orders-2", CURSOR, 31);
        acked.forget("orders-2");
        assertEquals(Map.of("orders-1", new CursorPosition("ces.events", 2, 30)), acked.asMap());

        AckedPositions elsewhere = new AckedPositions();
        elsewhere.restore(acked.asMap());
        assertEquals(acked.asMap(), elsewhere.asMap());
    }
}
