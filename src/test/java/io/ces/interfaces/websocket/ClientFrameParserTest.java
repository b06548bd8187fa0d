package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.json.spi.JsonProvider;

class ClientFrameParserTest {

    private final ClientFrameParser parser = new ClientFrameParser(JsonProvider.provider());

    private ProtocolException rejection(String text) {
        return assertThrows(ProtocolException.class, () -> parser.parse(text));
    }

    @Test
    void parsesSubscribe() throws Exception {
        assertEquals(new ClientFrame.Subscribe("r1", "cr_1"),
                parser.parse("{\"type\":\"subscribe\",\"id\":\"r1\",\"room\":\"cr_1\"}"));
    }

    @Test
    void parsesUnsubscribe() throws Exception {
        assertEquals(new ClientFrame.Unsubscribe("r2", "cr_1"),
                parser.parse("{\"type\":\"unsubscribe\",\"id\":\"r2\",\"room\":\"cr_1\"}"));
    }

    @Test
    void parsesPing() throws Exception {
        assertEquals(new ClientFrame.Ping("r3"), parser.parse("{\"type\":\"ping\",\"id\":\"r3\"}"));
    }

    @Test
    void idIsOptional() throws Exception {
        assertEquals(new ClientFrame.Ping(null), parser.parse("{\"type\":\"ping\"}"));
        assertEquals(new ClientFrame.Subscribe(null, "cr_1"), parser.parse("{\"type\":\"subscribe\",\"room\":\"cr_1\"}"));
    }

    @Test
    void nullIdCountsAsNoId() throws Exception {
        assertEquals(new ClientFrame.Ping(null), parser.parse("{\"type\":\"ping\",\"id\":null}"));
    }

    @Test
    void ignoresUnknownMembers() throws Exception {
        assertEquals(new ClientFrame.Ping("r3"), parser.parse("{\"type\":\"ping\",\"id\":\"r3\",\"extra\":[1,{}]}"));
    }

    @Test
    void roomIsPassedOnAsGivenForTheCallerToCheck() throws Exception {
        assertEquals(new ClientFrame.Subscribe("r1", "not a valid room"),
                parser.parse("{\"type\":\"subscribe\",\"id\":\"r1\",\"room\":\"not a valid room\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{", "{\"type\":\"ping\"", "{type:ping}", "", "   " })
    void invalidJsonIsBadRequestWithoutRef(String text) {
        ProtocolException e = rejection(text);

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertNull(e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "true" })
    void nonObjectIsBadRequestWithoutRef(String text) {
        ProtocolException e = rejection(text);

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertNull(e.ref());
    }

    @Test
    void missingTypeIsBadRequestWithRef() {
        ProtocolException e = rejection("{\"id\":\"r1\",\"room\":\"cr_1\"}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r1", e.ref());
    }

    @Test
    void nullTypeIsBadRequest() {
        assertEquals(ClientFrameParser.BAD_REQUEST, rejection("{\"type\":null,\"id\":\"r1\"}").code());
    }

    @Test
    void nonStringTypeIsBadRequestWithRef() {
        ProtocolException e = rejection("{\"type\":7,\"id\":\"r1\"}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r1", e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "7", "true", "{}", "[\"r1\"]" })
    void nonStringIdIsBadRequestWithoutRef(String id) {
        ProtocolException e = rejection("{\"type\":\"ping\",\"id\":" + id + "}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertNull(e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "subscribe", "unsubscribe" })
    void missingRoomIsBadRequestWithRef(String type) {
        ProtocolException e = rejection("{\"type\":\"" + type + "\",\"id\":\"r9\"}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r9", e.ref());
    }

    @Test
    void nonStringRoomIsBadRequestWithRef() {
        ProtocolException e = rejection("{\"type\":\"subscribe\",\"id\":\"r9\",\"room\":42}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r9", e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "publish", "SUBSCRIBE", "", "ping " })
    void unknownTypeIsUnsupportedWithRef(String type) {
        ProtocolException e = rejection("{\"type\":\"" + type + "\",\"id\":\"r5\"}");

        assertEquals(ClientFrameParser.UNSUPPORTED, e.code());
        assertEquals("r5", e.ref());
    }

    @Test
    void unsupportedMessageShowsTheTypeSafelyAndShortened() {
        ProtocolException e = rejection("{\"type\":\"" + "\\\"x\\n".repeat(20) + "\"}");

        assertEquals(ClientFrameParser.UNSUPPORTED, e.code());
        assertNull(e.ref());
        String message = e.getMessage();
        assertEquals(-1, message.indexOf('\n'));
        assertEquals(2, message.chars().filter(c -> c == '"').count(), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\"} garbage", "{\"type\":\"ping\"}{\"type\":\"x\"}",
            "{\"type\":\"subscribe\",\"room\":\"cr_1\",\"room\":\"cr_2\"}"})
    void rejectsTrailingContentAndDuplicateMembersAsBadRequest(String text) {
        assertEquals(ClientFrameParser.BAD_REQUEST, rejection(text).code());
    }
}
