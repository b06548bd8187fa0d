package io.ces.domain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.StringJoiner;

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
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(text, "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "nope", "{\"a\":}", "{\"a\":1} x", "{\"a\":1}{}", "[1]", "\"text\"",
            "{\"a\":[1,}", "{\"a\":{\"b\" 1}}", "{\"a\":1,}"})
    void readingMembersRejectsWhatReadingTheObjectRejects(String text) {
        assertThrows(InvalidJsonException.class, () -> reader.readObject(text));
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(text, "a"));
    }

    @Test
    void readingMembersKeepsOnlyTheNamedTopLevelMembers() throws Exception {
        JsonValue[] members = reader.readMembers(
                "{\"id\":\"e-1\",\"n\":2,\"t\":true,\"z\":null,\"o\":{\"id\":\"inner\"},\"a\":[1],\"skipped\":\"x\"}",
                "id", "n", "t", "z", "o", "a", "absent");
        assertArrayEquals(new JsonValue[] {Json.createValue("e-1"), Json.createValue(2), JsonValue.TRUE,
            JsonValue.NULL, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY, null}, members);
    }

    /** An object of {@code keys} distinct keys k0, k1, ..., then {@code extra} as its last member, if not empty. */
    private static String objectWithKeys(int keys, String extra) {
        StringJoiner members = new StringJoiner(",", "{", "}");
        for (int i = 0; i < keys; i++) {
            members.add("\"k" + i + "\":" + i);
        }
        if (!extra.isEmpty()) {
            members.add(extra);
        }
        return members.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 40})
    void readingMembersRejectsADuplicateKeyAfterManyKeysAtAnyDepth(int keys) throws Exception {
        String last = "\"k" + (keys - 1) + "\":0";
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(objectWithKeys(keys, last), "a"));
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(objectWithKeys(keys, "\"k0\":0"), "a"));
        String nested = "{\"data\":" + objectWithKeys(keys, last) + "}";
        assertThrows(InvalidJsonException.class, () -> reader.readMembers(nested, "a"));
        assertThrows(InvalidJsonException.class, () -> reader.readValue(nested));

        String distinct = "{\"data\":[" + objectWithKeys(keys, "") + "]," + objectWithKeys(keys, "\"a\":1").substring(1);
        assertEquals(Json.createValue(1), reader.readMembers(distinct, "a")[0]);
        assertEquals(keys + 2, reader.readObject(distinct).size());
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
