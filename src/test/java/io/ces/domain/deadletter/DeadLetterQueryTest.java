package io.ces.domain.deadletter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeadLetterQueryTest {

    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    private static StoredDeadLetter letter(String reason, Instant storedAt) {
        List<Map.Entry<String, byte[]>> headers = reason == null ? List.of()
                : List.of(Map.entry(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8)));
        return new StoredDeadLetter("0-1", storedAt, "k", new byte[0], headers);
    }

    private static DeadLetterQuery everything() {
        return new DeadLetterQuery(null, null, null, null, 10);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new DeadLetterQuery(null, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeadLetterQuery(null, null, null, null, -5));
    }

    @Test
    void acceptsALimitOfOne() {
        assertDoesNotThrow(() -> new DeadLetterQuery(null, null, null, null, 1));
    }

    @Test
    void refusesFromEqualToTo() {
        assertThrows(IllegalArgumentException.class, () -> new DeadLetterQuery(null, NOON, NOON, null, 10));
    }

    @Test
    void refusesFromAfterTo() {
        assertThrows(IllegalArgumentException.class,
                () -> new DeadLetterQuery(null, NOON.plusSeconds(1), NOON, null, 10));
    }

    @Test
    void acceptsOnlyOneEndOfTheTimeRange() {
        assertDoesNotThrow(() -> new DeadLetterQuery(null, NOON, null, null, 10));
        assertDoesNotThrow(() -> new DeadLetterQuery(null, null, NOON, null, 10));
    }

    @Test
    void aQueryWithoutCriteriaMatchesEveryLetter() {
        assertTrue(everything().matches(letter("schema-invalid", NOON), null));
        assertTrue(everything().matches(letter(null, NOON), "cr_1"));
    }

    @Test
    void theReasonCriterionMatchesTheReasonHeader() {
        DeadLetterQuery query = new DeadLetterQuery("schema-invalid", null, null, null, 10);

        assertTrue(query.matches(letter("schema-invalid", NOON), null));
        assertFalse(query.matches(letter("malformed", NOON), null));
    }

    @Test
    void aLetterWithoutReasonHeaderMatchesTheReasonUnknown() {
        assertTrue(new DeadLetterQuery("unknown", null, null, null, 10).matches(letter(null, NOON), null));
        assertFalse(new DeadLetterQuery("malformed", null, null, null, 10).matches(letter(null, NOON), null));
    }

    @Test
    void fromIncludesLettersStoredAtThatInstant() {
        DeadLetterQuery query = new DeadLetterQuery(null, NOON, null, null, 10);

        assertTrue(query.matches(letter("malformed", NOON), null));
        assertTrue(query.matches(letter("malformed", NOON.plusMillis(1)), null));
        assertFalse(query.matches(letter("malformed", NOON.minusMillis(1)), null));
    }

    @Test
    void toExcludesLettersStoredAtThatInstant() {
        DeadLetterQuery query = new DeadLetterQuery(null, null, NOON, null, 10);

        assertTrue(query.matches(letter("malformed", NOON.minusMillis(1)), null));
        assertFalse(query.matches(letter("malformed", NOON), null));
        assertFalse(query.matches(letter("malformed", NOON.plusMillis(1)), null));
    }

    @Test
    void theRoomCriterionMatchesTheRoomGivenForTheLetter() {
        DeadLetterQuery query = new DeadLetterQuery(null, null, null, "cr_1", 10);

        assertTrue(query.matches(letter("malformed", NOON), "cr_1"));
        assertFalse(query.matches(letter("malformed", NOON), "cr_2"));
    }

    @Test
    void theRoomCriterionExcludesLettersWithoutRoom() {
        assertFalse(new DeadLetterQuery(null, null, null, "cr_1", 10).matches(letter("malformed", NOON), null));
    }

    @Test
    void combinedCriteriaMatchOnlyWhenEveryOneMatches() {
        DeadLetterQuery query = new DeadLetterQuery("schema-invalid", NOON, NOON.plusSeconds(60), "cr_1", 10);
        Instant inside = NOON.plusSeconds(30);

        assertTrue(query.matches(letter("schema-invalid", inside), "cr_1"));
        assertFalse(query.matches(letter("malformed", inside), "cr_1"));
        assertFalse(query.matches(letter("schema-invalid", NOON.minusSeconds(1)), "cr_1"));
        assertFalse(query.matches(letter("schema-invalid", NOON.plusSeconds(60)), "cr_1"));
        assertFalse(query.matches(letter("schema-invalid", inside), "cr_2"));
    }
}
