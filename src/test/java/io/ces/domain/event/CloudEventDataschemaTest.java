package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

class CloudEventDataschemaTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String SCHEMA = "https://schemas.example.com/order.created/2.json";

    private final CloudEventDecoder decoder = new CloudEventDecoder(JSON);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonValue parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** A structured-mode room event with the four required attributes followed by {@code extra} (",..." or ""). */
    private static String event(String extra) {
        return "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"order.created\","
                + "\"room\":\"cr_1\"" + extra + "}";
    }

    private static MapHeaders binaryRoomHeaders() {
        return new MapHeaders()
                .with("ce_specversion", "1.0")
                .with("ce_id", "e-7")
                .with("ce_source", "/billing")
                .with("ce_type", "invoice.paid")
                .with("ce_room", "cr_1");
    }

    private CloudEvent decodeStructured(String text) throws EventRejectedException {
        return decoder.decode(utf8(text), EventHeaders.NONE);
    }

    private RejectionReason rejectionOf(byte[] value, EventHeaders headers) {
        return assertThrows(EventRejectedException.class, () -> decoder.decode(value, headers)).reason();
    }

    @Nested
    class Dataschema {

        @Test
        void aStringDataschemaIsKept() throws Exception {
            assertEquals(SCHEMA, decodeStructured(event(",\"dataschema\":\"" + SCHEMA + "\"")).dataschema());
        }

        @Test
        void aRelativeDataschemaIsKeptAsWritten() throws Exception {
            assertEquals("order.created/2", decodeStructured(event(",\"dataschema\":\"order.created/2\"")).dataschema());
        }

        @Test
        void anEventWithoutDataschemaHasNone() throws Exception {
            assertNull(decodeStructured(event("")).dataschema());
        }

        @Test
        void aJsonNullDataschemaIsNone() throws Exception {
            assertNull(decodeStructured(event(",\"dataschema\":null")).dataschema());
        }

        @ParameterizedTest
        @ValueSource(strings = { "42", "true", "{\"$ref\":\"x\"}", "[\"x\"]" })
        void aDataschemaThatIsNotAStringIsAnInvalidCloudEvent(String dataschema) {
            assertEquals(RejectionReason.INVALID_CLOUDEVENT,
                    rejectionOf(utf8(event(",\"dataschema\":" + dataschema)), EventHeaders.NONE));
        }

        @Test
        void anEmptyDataschemaIsAnInvalidCloudEvent() {
            assertEquals(RejectionReason.INVALID_CLOUDEVENT,
                    rejectionOf(utf8(event(",\"dataschema\":\"\"")), EventHeaders.NONE));
        }

        @Test
        void aBinaryModeDataschemaComesFromItsCeHeader() throws Exception {
            CloudEvent event = decoder.decode(utf8("{}"), binaryRoomHeaders().with("ce_dataschema", SCHEMA));

            assertEquals(SCHEMA, event.dataschema());
        }

        @Test
        void aBinaryModeEventWithoutDataschemaHeaderHasNone() throws Exception {
            assertNull(decoder.decode(utf8("{}"), binaryRoomHeaders()).dataschema());
        }

        @Test
        void anEmptyBinaryModeDataschemaHeaderIsAnInvalidCloudEvent() {
            assertEquals(RejectionReason.INVALID_CLOUDEVENT,
                    rejectionOf(utf8("{}"), binaryRoomHeaders().with("ce_dataschema", "")));
        }
    }

    @Nested
    class Data {

        @Test
        void structuredObjectDataIsExposedAsParsed() throws Exception {
            CloudEvent event = decodeStructured(event(",\"data\":{\"total\":12.5,\"items\":[1,2]}"));

            assertEquals(parse("{\"total\":12.5,\"items\":[1,2]}"), event.data());
        }

        @Test
        void structuredScalarDataIsExposedAsParsed() throws Exception {
            assertEquals(JSON.createValue("hello"), decodeStructured(event(",\"data\":\"hello\"")).data());
            assertEquals(JSON.createValue(42), decodeStructured(event(",\"data\":42")).data());
        }

        @Test
        void anEventWithoutDataHasNone() throws Exception {
            assertNull(decodeStructured(event("")).data());
        }

        @Test
        void anEventWithBase64DataHasNoParsedData() throws Exception {
            assertNull(decodeStructured(event(",\"data_base64\":\"AAEC\"")).data());
        }

        @Test
        void binaryJsonDataIsExposedAsParsed() throws Exception {
            CloudEvent event = decoder.decode(utf8("{\"amount\":3}"),
                    binaryRoomHeaders().with("content-type", "application/json"));

            assertEquals(parse("{\"amount\":3}"), event.data());
        }

        @Test
        void binaryTextDataIsExposedAsAString() throws Exception {
            CloudEvent event = decoder.decode(utf8("hello"), binaryRoomHeaders().with("content-type", "text/plain"));

            assertEquals(JSON.createValue("hello"), event.data());
        }

        @Test
        void binaryOtherDataIsNotExposedAsParsed() throws Exception {
            CloudEvent event = decoder.decode(new byte[] { 0, 1, 2 },
                    binaryRoomHeaders().with("content-type", "application/octet-stream"));

            assertNull(event.data());
        }

        @Test
        void aBinaryEventWithoutValueHasNoData() throws Exception {
            assertNull(decoder.decode(null, binaryRoomHeaders()).data());
        }

        @Test
        void theShortConstructorLeavesDataschemaAndDataOut() {
            CloudEvent event = new CloudEvent("e-1", "/orders", "order.created", Target.room("cr_1"), "{}");

            assertNull(event.dataschema());
            assertNull(event.data());
        }
    }
}
