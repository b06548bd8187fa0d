package io.ces.domain.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomPatternTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
            "cr_*, cr_1",
            "cr_*, cr_",
            "cr_*, cr_123/abc",
            "*, a",
            "*, cr_1",
            "**, cr_1",
            "*_1, cr_1",
            "*_1, _1",
            "c*_*1, cr_1",
            "a*b*c, abc",
            "a*b*c, axxbyyc",
            "a*b*c, abbbc",
            "a*b, aXbXb",
            "cr_?, cr_1",
            "??, ab",
            "cr_?*, cr_1",
            "cr_?*, cr_12",
            "*?, x",
            "a*a*a, aaa",
            "*ab, aaab",
    })
    void globMatches(String glob, String room) {
        assertTrue(RoomPattern.of(glob).matches(room));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
            "cr_*, dm_1",
            "cr_*, cr",
            "cr_*, xcr_1",
            "*_1, cr_12",
            "a*b*c, acb",
            "a*b*c, abcx",
            "a*b, aXbX",
            "cr_?, cr_",
            "cr_?, cr_12",
            "??, a",
            "??, abc",
            "cr_?*, cr_",
            "*?, ''",
            "a*a*a, aa",
    })
    void globDoesNotMatch(String glob, String room) {
        assertFalse(RoomPattern.of(glob).matches(room));
    }

    @Test
    void starAloneMatchesEmptyString() {
        assertTrue(RoomPattern.of("*").matches(""));
    }

    @Test
    void literalPatternMatchesOnlyThatRoom() {
        RoomPattern pattern = RoomPattern.of("cr_1");

        assertTrue(pattern.matches("cr_1"));
        assertFalse(pattern.matches("cr_10"));
        assertFalse(pattern.matches("cr_"));
        assertFalse(pattern.matches("CR_1"));
        assertFalse(pattern.matches(""));
    }

    @Test
    void dotAndSlashAreLiteralsNotRegex() {
        RoomPattern pattern = RoomPattern.of("a.b/*");

        assertTrue(pattern.matches("a.b/c"));
        assertFalse(pattern.matches("axb/c"));
    }

    @Test
    void matchingIsLinearEnoughForPathologicalInput() {
        RoomPattern pattern = RoomPattern.of("*a*a*a*a*a*a*a*a*b");
        String room = "a".repeat(RoomId.MAX_LENGTH);

        assertFalse(pattern.matches(room));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullOrEmptyPattern(String glob) {
        assertThrows(IllegalArgumentException.class, () -> RoomPattern.of(glob));
    }

    @Test
    void acceptsPatternOfMaximumLengthAndRejectsLonger() {
        RoomPattern.of("*".repeat(RoomId.MAX_LENGTH));
        assertThrows(IllegalArgumentException.class, () -> RoomPattern.of("*".repeat(RoomId.MAX_LENGTH + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "cr 1", "cr_[12]", "cr_\"*", "caf\u00e9*", "a|b", "cr.+", "cr\n" })
    void rejectsPatternWithCharactersOutsideRoomIdsAndGlobs(String glob) {
        assertThrows(IllegalArgumentException.class, () -> RoomPattern.of(glob));
    }

    @Test
    void toStringIsTheGlob() {
        assertEquals("cr_*", RoomPattern.of("cr_*").toString());
    }
}
