package io.ces.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.ces.domain.json.StrictJsonReader.InvalidJsonException;

class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader(JsonProvider.provider());

    @Test
    void readsOneObjectSurroundedByWhitespace() throws Exception {
        assertEquals(1, reader.readObject("  {\"a\":1}\n").getInt("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1} {\"a\":2}", "[1] 2"})
    void rejectsContentAfterTheValue(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readValue(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"b\":{\"a\":1,\"a\":2}}", "[{\"room\":\"x\",\"room\":\"y\"}]"})
    void rejectsDuplicateKeysAtAnyDepth(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readValue(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"b\":{\"a\":1,\"a\":2}}", "{\"b\":[{\"room\":\"x\",\"room\":\"y\"}]}",
            "{\"b\":[[1,{\"c\":{\"d\":1,\"d\":1}}]]}", "{\"data\":{\"x\":1},\"data\":2}"})
    void readingMembersRejectsDuplicateKeysAtAnyDepth(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(text, Set.of("a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "nope", "{\"a\":}", "{\"a\":1} x", "{\"a\":1}{}", "[1]", "\"text\"",
            "{\"a\":[1,}", "{\"a\":{\"b\" 1}}", "{\"a\":1,}"})
    void readingMembersRejectsWhatReadingTheObjectRejects(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readObject(text));
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(text, Set.of("a")));
    }

    @Test
    void readingMembersKeepsOnlyTheNamedTopLevelMembers() throws Exception {
        Map<String, JsonValue> members = reader.readMembers(
                "{\"id\":\"e-1\",\"n\":2,\"t\":true,\"z\":null,\"o\":{\"id\":\"inner\"},\"a\":[1],\"skipped\":\"x\"}",
                Set.of("id", "n", "t", "z", "o", "a", "absent"));
        assertEquals(Map.of("id", Json.createValue("e-1"), "n", Json.createValue(2), "t", JsonValue.TRUE,
                "z", JsonValue.NULL, "o", JsonValue.EMPTY_JSON_OBJECT, "a", JsonValue.EMPTY_JSON_ARRAY), members);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "nope", "{\"a\":}"})
    void rejectsInvalidText(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readValue(text));
    }

    @Test
    void rejectsNonObjectWhereAnObjectIsRequired() {
        assertThrows(InvalidJsonException.class, () -> reader.readObject("[1,2]"));
        assertThrows(InvalidJsonException.class, () -> reader.readObject("\"text\""));
    }
}
