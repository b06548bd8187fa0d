package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        assertEquals(new ClientFrame.Subscribe("r1", "cr_1", null),
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
    void parsesPresenceAndTyping() throws Exception {
        assertEquals(new ClientFrame.Presence("p1", "cr_1"),
                parser.parse("{\"type\":\"presence\",\"id\":\"p1\",\"room\":\"cr_1\"}"));
        assertEquals(new ClientFrame.Typing(null, "cr_1"), parser.parse("{\"type\":\"typing\",\"room\":\"cr_1\"}"));
    }

    @Test
    void idIsOptional() throws Exception {
        assertEquals(new ClientFrame.Ping(null), parser.parse("{\"type\":\"ping\"}"));
        assertEquals(new ClientFrame.Subscribe(null, "cr_1", null), parser.parse("{\"type\":\"subscribe\",\"room\":\"cr_1\"}"));
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
        assertEquals(new ClientFrame.Subscribe("r1", "not a valid room", null),
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
    @ValueSource(strings = { "subscribe", "unsubscribe", "presence", "typing" })
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

    // --- subscribe with since ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = { -1, 0, 41, Long.MAX_VALUE })
    void parsesSubscribeWithSince(long since) throws Exception {
        assertEquals(new ClientFrame.Subscribe("r1", "cr_1", since),
                parser.parse("{\"type\":\"subscribe\",\"id\":\"r1\",\"room\":\"cr_1\",\"since\":" + since + "}"));
    }

    @Test
    void nullSinceCountsAsNoSince() throws Exception {
        assertEquals(new ClientFrame.Subscribe("r1", "cr_1", null),
                parser.parse("{\"type\":\"subscribe\",\"id\":\"r1\",\"room\":\"cr_1\",\"since\":null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.5", "-2", "\"3\"", "true", "{}", "[3]", "-9223372036854775808",
            "9223372036854775808" })
    void sinceThatIsNotAWholeNumberFromMinusOneIsBadRequestWithRef(String since) {
        ProtocolException e = rejection("{\"type\":\"subscribe\",\"id\":\"r7\",\"room\":\"cr_1\",\"since\":" + since + "}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r7", e.ref());
        assertTrue(e.getMessage().contains("since"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "18446744073709551615", "18446744073709551621", "18446744073709551616" })
    void sinceBeyondTheLongRangeIsBadRequest(String since) {
        ProtocolException e = rejection("{\"type\":\"subscribe\",\"id\":\"r7\",\"room\":\"cr_1\",\"since\":" + since + "}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"rooms\":{\"cr_1\":18446744073709551615}", "\"sessionSeq\":18446744073709551620",
            "\"userSeq\":18446744073709551616" })
    void resumePositionBeyondTheLongRangeIsBadRequest(String member) {
        ProtocolException e = rejection("{\"type\":\"resume\",\"session\":\"s-1\",\"resumeToken\":\"tok\","
                + member + "}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
    }

    // --- resume -----------------------------------------------------------------------------------------------------

    @Test
    void parsesResumeWithEverything() throws Exception {
        Map<String, Long> rooms = new LinkedHashMap<>();
        rooms.put("cr_1", 41L);
        rooms.put("cr_2", -1L);

        ClientFrame frame = parser.parse("{\"type\":\"resume\",\"id\":\"r1\",\"session\":\"s-1\",\"resumeToken\":\"tok\","
                + "\"rooms\":{\"cr_1\":41,\"cr_2\":-1},\"sessionSeq\":5,\"userSeq\":9}");

        assertEquals(new ClientFrame.Resume("r1", "s-1", "tok", rooms, 5L, 9L), frame);
        assertEquals(List.of("cr_1", "cr_2"), List.copyOf(((ClientFrame.Resume) frame).rooms().keySet()),
                "rooms keep the client's order");
    }

    @Test
    void parsesMinimalResumeWithNoRoomsAndNoTargetPositions() throws Exception {
        assertEquals(new ClientFrame.Resume(null, "s-1", "tok", Map.of(), null, null),
                parser.parse("{\"type\":\"resume\",\"session\":\"s-1\",\"resumeToken\":\"tok\"}"));
    }

    @Test
    void nullOrEmptyRoomsAndNullPositionsCountAsAbsent() throws Exception {
        ClientFrame.Resume expected = new ClientFrame.Resume("r1", "s-1", "tok", Map.of(), null, null);

        assertEquals(expected, parser.parse("{\"type\":\"resume\",\"id\":\"r1\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":null,\"sessionSeq\":null,\"userSeq\":null}"));
        assertEquals(expected, parser.parse("{\"type\":\"resume\",\"id\":\"r1\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":{}}"));
    }

    @Test
    void resumeWithOnlyOneTargetPositionKeepsTheOtherAbsent() throws Exception {
        assertEquals(new ClientFrame.Resume("r1", "s-1", "tok", Map.of(), null, 0L),
                parser.parse("{\"type\":\"resume\",\"id\":\"r1\",\"session\":\"s-1\",\"resumeToken\":\"tok\","
                        + "\"userSeq\":0}"));
    }

    @Test
    void resumeRoomIdsArePassedOnAsGivenForTheCallerToCheck() throws Exception {
        ClientFrame.Resume frame = (ClientFrame.Resume) parser.parse("{\"type\":\"resume\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":{\"not a valid room\":3}}");

        assertEquals(Map.of("not a valid room", 3L), frame.rooms());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"resume\",\"id\":\"r8\",\"resumeToken\":\"tok\"}",
            "{\"type\":\"resume\",\"id\":\"r8\",\"session\":null,\"resumeToken\":\"tok\"}",
            "{\"type\":\"resume\",\"id\":\"r8\",\"session\":7,\"resumeToken\":\"tok\"}",
            "{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\"}",
            "{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\",\"resumeToken\":null}",
            "{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\",\"resumeToken\":[\"tok\"]}" })
    void resumeWithoutStringSessionAndResumeTokenIsBadRequestWithRef(String text) {
        ProtocolException e = rejection(text);

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r8", e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "[\"cr_1\"]", "\"cr_1\"", "41", "true" })
    void roomsThatIsNotAnObjectIsBadRequestWithRef(String rooms) {
        ProtocolException e = rejection("{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":" + rooms + "}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r8", e.ref());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.5", "-2", "\"3\"", "null", "{}", "[1]", "false" })
    void roomPositionThatIsNotAWholeNumberFromMinusOneIsBadRequestNamingTheRoom(String position) {
        ProtocolException e = rejection("{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":{\"cr_1\":3,\"cr_2\":" + position + "}}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals("r8", e.ref());
        assertTrue(e.getMessage().contains("rooms.cr_2"), e.getMessage());
    }

    @Test
    void roomNameInTheMessageIsShownSafelyAndShortened() {
        ProtocolException e = rejection("{\"type\":\"resume\",\"session\":\"s-1\",\"resumeToken\":\"tok\","
                + "\"rooms\":{\"" + "\\\"x\\n".repeat(20) + "\":1.5}}");

        assertEquals(ClientFrameParser.BAD_REQUEST, e.code());
        assertEquals(-1, e.getMessage().indexOf('\n'));
        assertEquals(2, e.getMessage().chars().filter(c -> c == '"').count(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "sessionSeq", "userSeq" })
    void targetPositionThatIsNotAWholeNumberFromMinusOneIsBadRequestWithRef(String name) {
        for (String value : List.of("1.5", "-2", "\"3\"", "true", "{}")) {
            ProtocolException e = rejection("{\"type\":\"resume\",\"id\":\"r8\",\"session\":\"s-1\","
                    + "\"resumeToken\":\"tok\",\"" + name + "\":" + value + "}");

            assertEquals(ClientFrameParser.BAD_REQUEST, e.code(), name + "=" + value);
            assertEquals("r8", e.ref());
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void duplicateRoomInResumeIsBadRequest() {
        assertEquals(ClientFrameParser.BAD_REQUEST, rejection("{\"type\":\"resume\",\"session\":\"s-1\","
                + "\"resumeToken\":\"tok\",\"rooms\":{\"cr_1\":1,\"cr_1\":2}}").code());
    }

    @Test
    void parsesAckAndRead() throws Exception {
        assertEquals(new ClientFrame.Receipt("a1", io.ces.domain.receipt.ReceiptKind.DELIVERED, "cr_1", 42),
                parser.parse("{\"type\":\"ack\",\"id\":\"a1\",\"room\":\"cr_1\",\"seq\":42}"));
        assertEquals(new ClientFrame.Receipt(null, io.ces.domain.receipt.ReceiptKind.READ, "cr_1", 0),
                parser.parse("{\"type\":\"read\",\"room\":\"cr_1\",\"seq\":0}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ack\",\"id\":\"a\",\"room\":\"cr_1\"}",
            "{\"type\":\"ack\",\"id\":\"a\",\"room\":\"cr_1\",\"seq\":-1}",
            "{\"type\":\"read\",\"id\":\"a\",\"room\":\"cr_1\",\"seq\":\"4\"}",
            "{\"type\":\"read\",\"id\":\"a\",\"seq\":4}"})
    void refusesReceiptsWithoutARoomOrAPosition(String text) {
        ProtocolException refused = rejection(text);
        assertEquals(ClientFrameParser.BAD_REQUEST, refused.code());
        assertEquals("a", refused.ref());
    }
}
