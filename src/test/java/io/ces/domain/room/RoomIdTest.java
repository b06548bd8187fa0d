package io.ces.domain.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomIdTest {

    @ParameterizedTest
    @ValueSource(strings = { "cr_1", "a", "Z", "0", "orders/eu-west:1", "team@acme.example", "A-z_0.9:@/" })
    void acceptsIdsMadeOfAllowedCharacters(String room) {
        assertTrue(RoomId.isValid(room));
    }

    @Test
    void acceptsIdOfMaximumLength() {
        assertTrue(RoomId.isValid("r".repeat(RoomId.MAX_LENGTH)));
    }

    @Test
    void rejectsIdLongerThanMaximum() {
        assertFalse(RoomId.isValid("r".repeat(RoomId.MAX_LENGTH + 1)));
    }

    @Test
    void rejectsNullAndEmpty() {
        assertFalse(RoomId.isValid(null));
        assertFalse(RoomId.isValid(""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "cr 1", "cr\"1", "cr\\1", "cr*", "cr?", "caf\u00e9", "cr\n1", "cr<1>", "cr#1", "cr,1",
            "cr+1", "\u0000" })
    void rejectsIdsWithOtherCharacters(String room) {
        assertFalse(RoomId.isValid(room));
    }

    @Test
    void describesNullAndShortIdsQuoted() {
        assertEquals("null", RoomId.describe(null));
        assertEquals("\"cr 1\"", RoomId.describe("cr 1"));
    }

    @Test
    void describeReplacesNonPrintableCharactersAndTruncatesLongIds() {
        assertEquals("\"a?b\"", RoomId.describe("a\nb"));
        assertEquals("\"" + "x".repeat(40) + "...\"", RoomId.describe("x".repeat(41)));
    }
}
