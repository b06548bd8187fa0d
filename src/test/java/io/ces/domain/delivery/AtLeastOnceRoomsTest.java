package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AtLeastOnceRoomsTest {

    @Test
    void patternsCoverTheRoomsTheyMatch() {
        AtLeastOnceRooms rooms = AtLeastOnceRooms.parse(" orders-* , billing_1,,");
        assertTrue(rooms.covers("orders-42"));
        assertTrue(rooms.covers("billing_1"));
        assertFalse(rooms.covers("billing_2"));
        assertFalse(rooms.covers("cr_1"));
    }

    @Test
    void emptyMeansNoRoom() {
        assertTrue(AtLeastOnceRooms.parse("").isEmpty());
        assertTrue(AtLeastOnceRooms.parse(null).isEmpty());
        assertTrue(AtLeastOnceRooms.parse(" , ").isEmpty());
        assertFalse(AtLeastOnceRooms.NONE.covers("orders-1"));
    }

    @Test
    void anInvalidPatternNamesTheProperty() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AtLeastOnceRooms.parse("orders-*,bad room"));
        assertTrue(error.getMessage().startsWith("ces.delivery.at-least-once.rooms: "), error.getMessage());
    }
}
