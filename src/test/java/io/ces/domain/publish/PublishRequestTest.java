package io.ces.domain.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

class PublishRequestTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String refusal(String room, String body) {
        return assertThrows(IllegalArgumentException.class, () -> PublishRequest.of(room, json(body))).getMessage();
    }

    @Test
    void readsTypeDataAndAnOptionalId() {
        PublishRequest request = PublishRequest.of("cr_1", json("{\"type\":\"chat.message\",\"data\":{\"text\":\"hi\"}}"));
        assertEquals("chat.message", request.type());
        assertEquals(json("{\"text\":\"hi\"}"), request.data());
        assertNull(request.id());
        assertEquals("e-7", PublishRequest.of("cr_1", json("{\"type\":\"t\",\"id\":\"e-7\"}")).id());
    }

    @Test
    void dataMayBeAnyJsonValueOrAbsent() {
        assertEquals(Json.createValue(42), PublishRequest.of("cr_1", json("{\"type\":\"t\",\"data\":42}")).data());
        assertNull(PublishRequest.of("cr_1", json("{\"type\":\"t\",\"data\":null}")).data());
        assertNull(PublishRequest.of("cr_1", json("{\"type\":\"t\"}")).data());
    }

    @Test
    void aMissingOrWrongTypeIsNamed() {
        assertTrue(refusal("cr_1", "{\"data\":1}").contains("\"type\" is required"));
        assertTrue(refusal("cr_1", "{\"type\":\" \"}").contains("\"type\" is required"));
        assertTrue(refusal("cr_1", "{\"type\":7}").contains("\"type\" must be a string"));
        assertTrue(refusal("cr_1", "{\"type\":\"" + "t".repeat(257) + "\"}").contains("at most 256"));
        assertTrue(refusal("cr_1", "{\"type\":\"a\\nb\"}").contains("control characters"));
    }

    @Test
    void aWrongIdIsNamed() {
        assertTrue(refusal("cr_1", "{\"type\":\"t\",\"id\":1}").contains("\"id\" must be a string"));
        assertTrue(refusal("cr_1", "{\"type\":\"t\",\"id\":\"\"}").contains("\"id\" is required"));
    }

    @Test
    void unknownMembersAreRefusedSoThatTyposAreNotSilentlyDropped() {
        assertTrue(refusal("cr_1", "{\"type\":\"t\",\"dta\":1}").contains("unknown member \"dta\""));
    }

    @Test
    void anInvalidRoomIsRefused() {
        assertTrue(refusal("bad room", "{\"type\":\"t\"}").contains("invalid room id"));
        assertTrue(refusal("r".repeat(129), "{\"type\":\"t\"}").contains("invalid room id"));
    }
}
