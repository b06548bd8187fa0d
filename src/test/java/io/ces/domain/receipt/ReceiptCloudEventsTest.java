package io.ces.domain.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class ReceiptCloudEventsTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private final ReceiptCloudEvents events = new ReceiptCloudEvents(JSON, "ces-a");

    private static JsonObject parse(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    @Test
    void anAckIsADeliveredReceiptWithUserSessionEventIdAndDeliveredAt() {
        JsonObject event = parse(events.encode(new Receipt(ReceiptKind.DELIVERED, "alice", "s1", "cr_1", 42, "e-42",
                AT)));
        assertEquals("1.0", event.getString("specversion"));
        assertEquals("ces.receipt.delivered", event.getString("type"));
        assertEquals("/ces/ces-a", event.getString("source"));
        JsonObject data = event.getJsonObject("data");
        assertEquals("alice", data.getString("user"));
        assertEquals("s1", data.getString("session"));
        assertEquals("cr_1", data.getString("room"));
        assertEquals(42, data.getJsonNumber("seq").longValueExact());
        assertEquals("e-42", data.getString("eventId"));
        assertEquals(AT.toString(), data.getString("deliveredAt"));
        assertFalse(data.containsKey("readAt"));
    }

    @Test
    void aReadReceiptHasReadAtAndNoEventIdWhenUnknown() {
        JsonObject data = parse(events.encode(new Receipt(ReceiptKind.READ, "alice", "s1", "cr_1", 42, null, AT)))
                .getJsonObject("data");
        assertEquals(AT.toString(), data.getString("readAt"));
        assertFalse(data.containsKey("eventId"));
    }

    @Test
    void theIdDependsOnlyOnSessionRoomSeqAndKind() {
        Receipt first = new Receipt(ReceiptKind.DELIVERED, "alice", "s1", "cr_1", 42, "e-42", AT);
        Receipt again = new Receipt(ReceiptKind.DELIVERED, "alice", "s1", "cr_1", 42, null, AT.plusSeconds(9));
        assertEquals(first.cloudEventId(), again.cloudEventId());
        assertTrue(parse(events.encode(first)).getString("id").equals(first.cloudEventId()));
        assertNotEquals(first.cloudEventId(),
                new Receipt(ReceiptKind.READ, "alice", "s1", "cr_1", 42, "e-42", AT).cloudEventId());
        assertNotEquals(first.cloudEventId(),
                new Receipt(ReceiptKind.DELIVERED, "alice", "s2", "cr_1", 42, "e-42", AT).cloudEventId());
        assertNotEquals(first.cloudEventId(),
                new Receipt(ReceiptKind.DELIVERED, "alice", "s1", "cr_1", 41, "e-42", AT).cloudEventId());
    }
}
