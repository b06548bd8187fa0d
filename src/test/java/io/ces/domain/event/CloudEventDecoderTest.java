package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

class CloudEventDecoderTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final CloudEventDecoder decoder = new CloudEventDecoder(JSON);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A structured-mode event with the four required attributes followed by {@code extra} (",..." or ""). */
    private static String event(String extra) {
        return "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"order.created\"" + extra + "}";
    }

    /**
     * Decodes {@code text} both ways, built whole and with only the attributes routing reads, and checks that the
     * two agree on everything but the content the second does not keep.
     */
    private CloudEvent decodeStructured(String text) throws EventRejectedException {
        CloudEvent whole = decoder.decode(utf8(text), EventHeaders.NONE);
        CloudEvent attributesOnly = decoder.decode(utf8(text), EventHeaders.NONE, true, false);
        assertEquals(new CloudEvent(whole.id(), whole.source(), whole.type(), whole.target(), whole.json(),
                whole.dataschema(), null, null), attributesOnly);
        return whole;
    }

    /** The reason {@code text} is rejected for, the same whether it is built whole or read for its attributes. */
    private RejectionReason rejectionOfStructured(String text) {
        EventRejectedException whole = assertThrows(EventRejectedException.class,
                () -> decoder.decode(utf8(text), EventHeaders.NONE));
        EventRejectedException attributesOnly = assertThrows(EventRejectedException.class,
                () -> decoder.decode(utf8(text), EventHeaders.NONE, true, false));
        assertEquals(whole.reason(), attributesOnly.reason(), whole.getMessage() + " / " + attributesOnly.getMessage());
        assertEquals(whole.eventId(), attributesOnly.eventId());
        return whole.reason();
    }

    private RejectionReason rejectionOf(byte[] value, EventHeaders headers) {
        return assertThrows(EventRejectedException.class, () -> decoder.decode(value, headers)).reason();
    }

    @Test
    void aRejectionNamesTheEventOnceItsIdWasRead() {
        EventRejectedException afterId = assertThrows(EventRejectedException.class,
                () -> decodeStructured(event(",\"room\":\"cr_1\",\"userid\":\"u\"")));
        EventRejectedException beforeId = assertThrows(EventRejectedException.class,
                () -> decodeStructured("{\"specversion\":\"0.3\",\"id\":\"e-1\"}"));

        assertEquals(RejectionReason.INVALID_TARGET, afterId.reason());
        assertEquals("e-1", afterId.eventId());
        assertEquals(null, beforeId.eventId());
    }

    @Nested
    class StructuredMode {

        @Test
        void decodesRoomEventWithItsAttributes() throws Exception {
            CloudEvent event = decodeStructured(event(",\"room\":\"cr_1\",\"data\":{\"n\":1}"));

            assertEquals("e-1", event.id());
            assertEquals("/orders", event.source());
            assertEquals("order.created", event.type());
            assertEquals(Target.room("cr_1"), event.target());
        }

        @Test
        void decodesSessionTargetedEvent() throws Exception {
            assertEquals(Target.session("s-123"), decodeStructured(event(",\"sessionid\":\"s-123\"")).target());
        }

        @Test
        void decodesUserTargetedEvent() throws Exception {
            assertEquals(Target.user("alice"), decodeStructured(event(",\"userid\":\"alice\"")).target());
        }

        @Test
        void keepsTheInputTextAsTheEventJson() throws Exception {
            String text = "{ \"specversion\": \"1.0\", \"id\": \"e-1\", \"source\": \"/orders\",\n"
                    + "  \"type\": \"order.created\", \"room\": \"cr_1\", \"data\": {\"total\": 12.50, \"note\": \"caf\u00e9\"} }";

            assertEquals(text, decodeStructured(text).json());
        }

        @Test
        void ignoresNullTargetAttributesNextToARealOne() throws Exception {
            assertEquals(Target.room("cr_1"),
                    decodeStructured(event(",\"room\":\"cr_1\",\"sessionid\":null,\"userid\":null")).target());
        }

        @Test
        void acceptsRoomIdOfMaximumLengthWithAllAllowedCharacters() throws Exception {
            String room = ("Az09_-.:@/" + "x".repeat(118));
            assertEquals(Target.room(room), decodeStructured(event(",\"room\":\"" + room + "\"")).target());
        }

        @ParameterizedTest
        @ValueSource(strings = { "not json", "{\"specversion\":\"1.0\"", "[]", "[" + "{\"id\":\"x\"}" + "]", "\"text\"",
                "42", "null", "   " })
        void rejectsValueThatIsNotOneJsonObjectAsMalformed(String text) {
            assertEquals(RejectionReason.MALFORMED, rejectionOfStructured(text));
        }

        @Test
        void rejectsJsonArrayOfValidEventsAsMalformed() {
            assertEquals(RejectionReason.MALFORMED, rejectionOfStructured("[" + event(",\"room\":\"cr_1\"") + "]"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "x", "}", " {}", ",", " garbage" })
        void rejectsTrailingContentAfterTheObjectAsMalformed(String trailer) {
            assertEquals(RejectionReason.MALFORMED, rejectionOfStructured(event(",\"room\":\"cr_1\"") + trailer));
        }

        @Test
        void rejectsDuplicateMembersSoTheCheckedTargetIsTheDeliveredOne() {
            assertEquals(RejectionReason.MALFORMED, rejectionOfStructured(event(",\"room\":\"bad room\",\"room\":\"cr_1\"")));
        }

        @Test
        void acceptsTrailingWhitespaceAfterTheObject() throws Exception {
            assertEquals(Target.room("cr_1"), decodeStructured(event(",\"room\":\"cr_1\"") + " \n").target());
        }

        @Test
        void rejectsEmptyValueAsMalformed() {
            assertEquals(RejectionReason.MALFORMED, rejectionOf(new byte[0], EventHeaders.NONE));
        }

        @Test
        void rejectsNullValueAsMalformed() {
            assertEquals(RejectionReason.MALFORMED, rejectionOf(null, EventHeaders.NONE));
        }

        @Test
        void rejectsInvalidUtf8AsMalformed() {
            byte[] valid = utf8(event(",\"room\":\"cr_1\",\"data\":\"__\""));
            String text = new String(valid, StandardCharsets.UTF_8);
            int at = text.indexOf("__");
            valid[at] = (byte) 0xC3; // a lead byte ...
            valid[at + 1] = (byte) 0x28; // ... not followed by a continuation byte

            assertEquals(RejectionReason.MALFORMED, rejectionOf(valid, EventHeaders.NONE));
        }

        @Test
        void acceptsTheReplacementCharacterItself() throws EventRejectedException {
            String text = event(",\"room\":\"cr_1\",\"data\":\"\uFFFD\"");

            assertEquals(text, decoder.decode(utf8(text), EventHeaders.NONE).json());
        }

        @Test
        void rejectsInvalidUtf8NextToAReplacementCharacterAsMalformed() {
            byte[] valid = utf8(event(",\"room\":\"cr_1\",\"data\":\"\uFFFD_\""));
            valid[new String(valid, StandardCharsets.UTF_8).indexOf('_') + 2] = (byte) 0x80; // the `_`: U+FFFD is one char but three bytes

            assertEquals(RejectionReason.MALFORMED, rejectionOf(valid, EventHeaders.NONE));
        }

        @Test
        void rejectsLoneContinuationByteAsMalformed() {
            byte[] valid = utf8(event(",\"room\":\"cr_1\",\"data\":\"_\""));
            valid[new String(valid, StandardCharsets.UTF_8).indexOf('_')] = (byte) 0x80;

            assertEquals(RejectionReason.MALFORMED, rejectionOf(valid, EventHeaders.NONE));
        }

        @ParameterizedTest
        @ValueSource(strings = { "id", "source", "type", "specversion" })
        void rejectsMissingRequiredAttributeAsInvalidCloudEvent(String attribute) {
            JsonObject complete = parse(event(",\"room\":\"cr_1\""));
            String without = JSON.createObjectBuilder(complete).remove(attribute).build().toString();

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOfStructured(without));
        }

        @ParameterizedTest
        @ValueSource(strings = { "id", "source", "type", "specversion" })
        void rejectsEmptyRequiredAttributeAsInvalidCloudEvent(String attribute) {
            JsonObject complete = parse(event(",\"room\":\"cr_1\""));
            String empty = JSON.createObjectBuilder(complete).add(attribute, "").build().toString();

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOfStructured(empty));
        }

        @ParameterizedTest
        @ValueSource(strings = { "id", "source", "type" })
        void rejectsNonStringRequiredAttributeAsInvalidCloudEvent(String attribute) {
            JsonObject complete = parse(event(",\"room\":\"cr_1\""));
            String number = JSON.createObjectBuilder(complete).add(attribute, 7).build().toString();

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOfStructured(number));
        }

        @ParameterizedTest
        @ValueSource(strings = { "0.3", "1", "1.0.0", "2.0" })
        void rejectsOtherSpecVersionAsInvalidCloudEvent(String specVersion) {
            String text = "{\"specversion\":\"" + specVersion
                    + "\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"order.created\",\"room\":\"cr_1\"}";

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOfStructured(text));
        }

        @Test
        void rejectsNumericSpecVersionAsInvalidCloudEvent() {
            String text = "{\"specversion\":1.0,\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"t\",\"room\":\"cr_1\"}";

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOfStructured(text));
        }

        @Test
        void rejectsEventWithoutTargetAsNoTarget() {
            assertEquals(RejectionReason.NO_TARGET, rejectionOfStructured(event(",\"data\":{}")));
        }

        @Test
        void rejectsEventWhoseTargetsAreAllNullAsNoTarget() {
            assertEquals(RejectionReason.NO_TARGET,
                    rejectionOfStructured(event(",\"room\":null,\"sessionid\":null,\"userid\":null")));
        }

        @ParameterizedTest
        @ValueSource(strings = { ",\"room\":\"cr_1\",\"userid\":\"alice\"", ",\"room\":\"cr_1\",\"sessionid\":\"s-1\"",
                ",\"sessionid\":\"s-1\",\"userid\":\"alice\"" })
        void rejectsTwoTargetsAsInvalidTarget(String targets) {
            assertEquals(RejectionReason.INVALID_TARGET, rejectionOfStructured(event(targets)));
        }

        @ParameterizedTest
        @ValueSource(strings = { ",\"room\":42", ",\"room\":{\"id\":\"cr_1\"}", ",\"room\":[\"cr_1\"]",
                ",\"sessionid\":true", ",\"userid\":7" })
        void rejectsNonStringTargetAsInvalidTarget(String target) {
            assertEquals(RejectionReason.INVALID_TARGET, rejectionOfStructured(event(target)));
        }

        @ParameterizedTest
        @ValueSource(strings = { ",\"room\":\"\"", ",\"sessionid\":\"\"", ",\"userid\":\"\"" })
        void rejectsEmptyTargetIdAsInvalidTarget(String target) {
            assertEquals(RejectionReason.INVALID_TARGET, rejectionOfStructured(event(target)));
        }

        @ParameterizedTest
        @ValueSource(strings = { "cr 1", "cr\\\"1", "cr\\u00e91", "cr*", "cr\\n1" })
        void rejectsRoomIdWithDisallowedCharacterAsInvalidTarget(String room) {
            assertEquals(RejectionReason.INVALID_TARGET, rejectionOfStructured(event(",\"room\":\"" + room + "\"")));
        }

        @Test
        void rejectsRoomIdLongerThanAllowedForRoomsAsInvalidTarget() {
            assertEquals(RejectionReason.INVALID_TARGET,
                    rejectionOfStructured(event(",\"room\":\"" + "r".repeat(129) + "\"")));
        }

        @ParameterizedTest
        @ValueSource(strings = { "sessionid", "userid" })
        void acceptsSessionAndUserIdsOf256Characters(String attribute) throws Exception {
            String id = "u".repeat(256);

            assertEquals(id, decodeStructured(event(",\"" + attribute + "\":\"" + id + "\"")).target().id());
        }

        @ParameterizedTest
        @ValueSource(strings = { "sessionid", "userid" })
        void rejectsTargetIdOver256CharactersAsInvalidTarget(String attribute) {
            assertEquals(RejectionReason.INVALID_TARGET,
                    rejectionOfStructured(event(",\"" + attribute + "\":\"" + "u".repeat(257) + "\"")));
        }

        @Test
        void usesStructuredModeWhenOnlyTheContentTypeHeaderIsPresent() throws Exception {
            String text = event(",\"room\":\"cr_1\"");
            MapHeaders headers = new MapHeaders().with("content-type", "application/cloudevents+json");

            CloudEvent event = decoder.decode(utf8(text), headers);

            assertEquals(text, event.json());
            assertEquals(Target.room("cr_1"), event.target());
        }
    }

    @Nested
    class BinaryMode {

        private MapHeaders roomHeaders() {
            return new MapHeaders()
                    .with("ce_specversion", "1.0")
                    .with("ce_id", "e-7")
                    .with("ce_source", "/billing")
                    .with("ce_type", "invoice.paid")
                    .with("ce_room", "cr_1");
        }

        private JsonObject decodedJson(byte[] value, MapHeaders headers) throws EventRejectedException {
            return parse(decoder.decode(value, headers).json());
        }

        @Test
        void takesAttributesFromCeHeaders() throws Exception {
            CloudEvent event = decoder.decode(utf8("{\"amount\":3}"),
                    roomHeaders().with("content-type", "application/json"));

            assertEquals("e-7", event.id());
            assertEquals("/billing", event.source());
            assertEquals("invoice.paid", event.type());
            assertEquals(Target.room("cr_1"), event.target());

            JsonObject json = parse(event.json());
            assertEquals("1.0", json.getString("specversion"));
            assertEquals("e-7", json.getString("id"));
            assertEquals("/billing", json.getString("source"));
            assertEquals("invoice.paid", json.getString("type"));
            assertEquals("cr_1", json.getString("room"));
            assertEquals("application/json", json.getString("datacontenttype"));
        }

        @Test
        void embedsJsonDataAsJsonValue() throws Exception {
            JsonObject json = decodedJson(utf8("{\"amount\":3,\"items\":[1,2]}"),
                    roomHeaders().with("content-type", "application/json"));

            assertEquals(parse("{\"amount\":3,\"items\":[1,2]}"), json.getJsonObject("data"));
            assertFalse(json.containsKey("data_base64"));
        }

        @Test
        void embedsJsonDataForContentTypeWithParametersAndSuffix() throws Exception {
            JsonObject json = decodedJson(utf8("[1,2,3]"),
                    roomHeaders().with("content-type", "application/vnd.acme+JSON; charset=utf-8"));

            assertEquals(JSON.createArrayBuilder().add(1).add(2).add(3).build(), json.getJsonArray("data"));
        }

        @Test
        void embedsScalarJsonData() throws Exception {
            JsonObject json = decodedJson(utf8("\"hello\""), roomHeaders().with("content-type", "application/json"));

            assertEquals("hello", json.getString("data"));
        }

        @Test
        void treatsDataWithoutContentTypeAsJson() throws Exception {
            JsonObject json = decodedJson(utf8("{\"a\":true}"), roomHeaders());

            assertEquals(parse("{\"a\":true}"), json.getJsonObject("data"));
            assertFalse(json.containsKey("datacontenttype"));
        }

        @Test
        void embedsTextDataAsString() throws Exception {
            JsonObject json = decodedJson(utf8("hello \"world\" caf\u00e9"),
                    roomHeaders().with("content-type", "text/plain"));

            assertEquals("hello \"world\" caf\u00e9", json.getString("data"));
            assertEquals("text/plain", json.getString("datacontenttype"));
        }

        @Test
        void embedsOtherDataAsBase64() throws Exception {
            byte[] bytes = { 0, 1, (byte) 0xFF, (byte) 0xC3, 0x28 };
            JsonObject json = decodedJson(bytes, roomHeaders().with("content-type", "application/octet-stream"));

            assertEquals(Base64.getEncoder().encodeToString(bytes), json.getString("data_base64"));
            assertFalse(json.containsKey("data"));
        }

        @Test
        void omitsDataWhenValueIsEmpty() throws Exception {
            JsonObject json = decodedJson(new byte[0], roomHeaders().with("content-type", "application/json"));

            assertFalse(json.containsKey("data"));
            assertFalse(json.containsKey("data_base64"));
        }

        @Test
        void omitsDataWhenValueIsNull() throws Exception {
            JsonObject json = decodedJson(null, roomHeaders());

            assertFalse(json.containsKey("data"));
        }

        @Test
        void ignoresHeadersWithoutCePrefix() throws Exception {
            JsonObject json = decodedJson(null, roomHeaders().with("traceparent", "00-abc").with("ce_", "x"));

            assertFalse(json.containsKey("traceparent"));
            assertFalse(json.containsKey(""));
        }

        @Test
        void carriesExtensionAttributes() throws Exception {
            JsonObject json = decodedJson(null, roomHeaders().with("ce_subject", "invoice/9"));

            assertEquals("invoice/9", json.getString("subject"));
        }

        @Test
        void decodesUserAndSessionTargets() throws Exception {
            MapHeaders user = new MapHeaders().with("ce_specversion", "1.0").with("ce_id", "1")
                    .with("ce_source", "s").with("ce_type", "t").with("ce_userid", "alice");
            MapHeaders session = new MapHeaders().with("ce_specversion", "1.0").with("ce_id", "1")
                    .with("ce_source", "s").with("ce_type", "t").with("ce_sessionid", "s-1");

            assertEquals(Target.user("alice"), decoder.decode(null, user).target());
            assertEquals(Target.session("s-1"), decoder.decode(null, session).target());
        }

        @ParameterizedTest
        @ValueSource(strings = { "{\"amount\":", "not json", "{} {}", "1 2", "   " })
        void rejectsInvalidJsonDataWithJsonContentTypeAsMalformed(String data) {
            assertEquals(RejectionReason.MALFORMED,
                    rejectionOf(utf8(data), roomHeaders().with("content-type", "application/json")));
        }

        @Test
        void rejectsInvalidJsonDataWithoutContentTypeAsMalformed() {
            assertEquals(RejectionReason.MALFORMED, rejectionOf(utf8("{oops"), roomHeaders()));
        }

        @Test
        void rejectsInvalidUtf8TextDataAsMalformed() {
            byte[] bytes = { 'h', (byte) 0xC3, 0x28 };
            assertEquals(RejectionReason.MALFORMED,
                    rejectionOf(bytes, roomHeaders().with("content-type", "text/plain")));
        }

        @Test
        void rejectsMissingIdAsInvalidCloudEvent() {
            MapHeaders headers = new MapHeaders().with("ce_specversion", "1.0").with("ce_source", "/billing")
                    .with("ce_type", "invoice.paid").with("ce_room", "cr_1");

            assertEquals(RejectionReason.INVALID_CLOUDEVENT, rejectionOf(utf8("{}"), headers));
        }

        @Test
        void rejectsOtherSpecVersionAsInvalidCloudEvent() {
            assertEquals(RejectionReason.INVALID_CLOUDEVENT,
                    rejectionOf(utf8("{}"), roomHeaders().with("ce_specversion", "0.3")));
        }

        @Test
        void rejectsMissingTargetAsNoTarget() {
            MapHeaders headers = new MapHeaders().with("ce_specversion", "1.0").with("ce_id", "1")
                    .with("ce_source", "s").with("ce_type", "t");

            assertEquals(RejectionReason.NO_TARGET, rejectionOf(utf8("{}"), headers));
        }

        @Test
        void rejectsInvalidRoomHeaderAsInvalidTarget() {
            assertEquals(RejectionReason.INVALID_TARGET,
                    rejectionOf(utf8("{}"), roomHeaders().with("ce_room", "cr 1")));
        }

        @Test
        void rejectsTwoTargetHeadersAsInvalidTarget() {
            assertEquals(RejectionReason.INVALID_TARGET,
                    rejectionOf(utf8("{}"), roomHeaders().with("ce_userid", "alice")));
        }
    }
}
