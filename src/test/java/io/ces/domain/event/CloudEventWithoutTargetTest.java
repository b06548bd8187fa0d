package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jakarta.json.spi.JsonProvider;

/** With routing rules in force, an event without a target attribute is decoded; a bad target is still refused. */
class CloudEventWithoutTargetTest {

    private final CloudEventDecoder decoder = new CloudEventDecoder(JsonProvider.provider());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String NO_TARGET = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/o\","
            + "\"type\":\"order.updated\",\"tenant\":\"acme\",\"data\":{\"customerId\":\"42\"}}";

    @Test
    void withoutRulesTheTargetIsRequired() {
        EventRejectedException rejected = assertThrows(EventRejectedException.class,
                () -> decoder.decode(utf8(NO_TARGET), EventHeaders.NONE));
        assertEquals(RejectionReason.NO_TARGET, rejected.reason());
    }

    @Test
    void withRulesTheEventIsDecodedWithItsAttributesForTheRules() throws Exception {
        CloudEvent event = decoder.decode(utf8(NO_TARGET), EventHeaders.NONE, false);
        assertNull(event.target());
        assertEquals("acme", event.attributes().getString("tenant"));
        assertEquals("42", event.attributes().getJsonObject("data").getString("customerId"));
        CloudEvent routed = event.withTarget(Target.room("customer-42"));
        assertEquals(Target.room("customer-42"), routed.target());
        assertEquals(NO_TARGET, routed.json());
    }

    @Test
    void binaryModeEventsCarryTheirAttributesToo() throws Exception {
        MapHeaders headers = new MapHeaders().with("ce_specversion", "1.0").with("ce_id", "e-2")
                .with("ce_source", "/o").with("ce_type", "t").with("ce_subject", "orders/7")
                .with("content-type", "application/json");
        CloudEvent event = decoder.decode(utf8("{\"a\":1}"), headers, false);
        assertNull(event.target());
        assertEquals("orders/7", event.attributes().getString("subject"));
        assertEquals(1, event.attributes().getJsonObject("data").getInt("a"));
    }

    @Test
    void aTargetThatIsPresentIsStillChecked() {
        String badRoom = NO_TARGET.replace("\"tenant\"", "\"room\":\"has space\",\"tenant\"");
        assertEquals(RejectionReason.INVALID_TARGET, assertThrows(EventRejectedException.class,
                () -> decoder.decode(utf8(badRoom), EventHeaders.NONE, false)).reason());
    }
}
