package io.ces.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
