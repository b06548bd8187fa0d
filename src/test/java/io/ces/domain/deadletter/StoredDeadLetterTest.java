package io.ces.domain.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StoredDeadLetterTest {

    private static final Instant STORED_AT = Instant.parse("2024-05-01T12:00:00Z");

    private static Map.Entry<String, byte[]> header(String name, String value) {
        return new SimpleEntry<>(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private static StoredDeadLetter withHeaders(Map.Entry<String, byte[]>... headers) {
        return new StoredDeadLetter("0-7", STORED_AT, "k", new byte[0], List.of(headers));
    }

    private static StoredDeadLetter withValue(byte[] value) {
        return new StoredDeadLetter("0-7", STORED_AT, "k", value, List.of());
    }

    private static List<String> names(List<Map.Entry<String, byte[]>> headers) {
        return headers.stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void aMissingHeaderIsNull() {
        assertNull(withHeaders(header("a", "1")).header("b"));
    }

    @Test
    void aHeaderIsDecodedAsUtf8() {
        assertEquals("caf\u00e9", withHeaders(header("a", "caf\u00e9")).header("a"));
    }

    @Test
    void theLastValueOfARepeatedHeaderWins() {
        assertEquals("2", withHeaders(header("a", "1"), header("b", "x"), header("a", "2")).header("a"));
    }

    @Test
    void aHeaderWithOnlyANullValueIsNull() {
        assertNull(withHeaders(header("a", null)).header("a"));
    }

    @Test
    void aNullValueDoesNotHideAnEarlierValueOfTheSameHeader() {
        assertEquals("1", withHeaders(header("a", "1"), header("a", null)).header("a"));
    }

    @Test
    void headerNamesAreCaseSensitive() {
        assertNull(withHeaders(header("Ce_Room", "cr_1")).header("ce_room"));
    }

    @Test
    void theReasonIsTheReasonHeader() {
        assertEquals("schema-invalid", withHeaders(header(DeadLetterHeaders.REASON, "schema-invalid")).reason());
    }

    @Test
    void theReasonIsUnknownWithoutReasonHeader() {
        assertEquals("unknown", withHeaders().reason());
    }

    @Test
    void theOriginalTopicIsTheDeadLetterTopicHeader() {
        assertEquals("orders", withHeaders(header(DeadLetterHeaders.TOPIC, "orders")).originalTopic());
        assertNull(withHeaders().originalTopic());
    }

    @Test
    void theReplayCountIsZeroWithoutReplayCountHeader() {
        assertEquals(0, withHeaders().replayCount());
    }

    @Test
    void theReplayCountIsParsedFromItsHeader() {
        assertEquals(2, withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, "2")).replayCount());
    }

    @Test
    void theReplayCountToleratesSurroundingWhitespace() {
        assertEquals(3, withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, " 3 ")).replayCount());
    }

    @Test
    void aReplayCountThatIsNotANumberCountsAsZero() {
        assertEquals(0, withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, "two")).replayCount());
        assertEquals(0, withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, "")).replayCount());
        assertEquals(0, withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, "99999999999")).replayCount());
    }

    @Test
    void aUtf8ValueIsAvailableAsText() {
        assertEquals(Optional.of("{\"note\":\"caf\u00e9\"}"),
                withValue("{\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8)).valueAsText());
    }

    @Test
    void anEmptyValueIsEmptyText() {
        assertEquals(Optional.of(""), withValue(new byte[0]).valueAsText());
    }

    @Test
    void aValueThatIsNotValidUtf8HasNoText() {
        assertEquals(Optional.empty(), withValue(new byte[] { 'h', (byte) 0xC3, 0x28 }).valueAsText());
        assertEquals(Optional.empty(), withValue(new byte[] { (byte) 0x80 }).valueAsText());
    }

    @Test
    void aNullValueHasNoText() {
        assertEquals(Optional.empty(), withValue(null).valueAsText());
    }

    @Test
    void theOriginalHeadersLeaveOutTheDeadLetterHeaders() {
        StoredDeadLetter letter = withHeaders(header("traceparent", "00-abc"),
                header(DeadLetterHeaders.REASON, "malformed"), header(DeadLetterHeaders.TOPIC, "orders"),
                header(DeadLetterHeaders.SUBJECT, "s-1"), header("ce-dlq-lookalike", "kept"));

        assertEquals(List.of("traceparent", "ce-dlq-lookalike"), names(letter.originalHeaders()));
    }

    @Test
    void theOriginalHeadersLeaveOutTheReplayHeaders() {
        StoredDeadLetter letter = withHeaders(header(DeadLetterHeaders.REPLAY_COUNT, "1"),
                header("ce_room", "cr_1"), header(DeadLetterHeaders.REPLAY_OF, "0-3"));

        assertEquals(List.of("ce_room"), names(letter.originalHeaders()));
    }

    @Test
    void theOriginalHeadersKeepTheirOrderRepetitionsAndNullValues() {
        StoredDeadLetter letter = withHeaders(header("b", "1"), header("a", null), header("b", "2"));

        List<Map.Entry<String, byte[]>> original = letter.originalHeaders();

        assertEquals(List.of("b", "a", "b"), names(original));
        assertNull(original.get(1).getValue());
        assertEquals("2", new String(original.get(2).getValue(), StandardCharsets.UTF_8));
    }
}
