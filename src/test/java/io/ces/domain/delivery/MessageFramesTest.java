package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.Target;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

class MessageFramesTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String EVENT = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"t\","
            + "\"room\":\"cr_1\",\"data\":{\"text\":\"quote \\\" and \\u00e9\",\"list\":[1,2]}}";

    private static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void roomFrameHasTypeRoomSeqAndEventOnly() {
        JsonObject frame = parse(MessageFrames.forRoom("cr_1", 42, EVENT));

        assertEquals(Set.of("type", "room", "seq", "event"), frame.keySet());
        assertEquals("message", frame.getString("type"));
        assertEquals("cr_1", frame.getString("room"));
        assertEquals(42L, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(EVENT), frame.getJsonObject("event"));
    }

    @Test
    void roomFrameIsTheDocumentedText() {
        assertEquals("{\"type\":\"message\",\"room\":\"cr_1\",\"seq\":42,\"event\":" + EVENT + "}",
                MessageFrames.forRoom("cr_1", 42, EVENT));
    }

    @Test
    void roomFrameKeepsLargeSequenceNumbersExact() {
        JsonObject frame = parse(MessageFrames.forRoom("a/b:c@d.e-f_g", Long.MAX_VALUE, EVENT));

        assertEquals("a/b:c@d.e-f_g", frame.getString("room"));
        assertEquals(Long.MAX_VALUE, frame.getJsonNumber("seq").longValueExact());
    }

    @Test
    void redeliveredRoomFrameIsMarkedAndOtherwiseTheSame() {
        JsonObject frame = parse(MessageFrames.forRoomRedelivered("orders-1", 42, EVENT));

        assertEquals(Set.of("type", "room", "seq", "redelivered", "event"), frame.keySet());
        assertEquals(true, frame.getBoolean("redelivered"));
        assertEquals("orders-1", frame.getString("room"));
        assertEquals(42L, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(EVENT), frame.getJsonObject("event"));
    }

    @Test
    void sessionFrameHasTypeTargetSeqAndEventOnly() {
        JsonObject frame = parse(MessageFrames.forTarget(Target.Kind.SESSION, 7, EVENT));

        assertEquals(Set.of("type", "target", "seq", "event"), frame.keySet());
        assertEquals("message", frame.getString("type"));
        assertEquals("session", frame.getString("target"));
        assertEquals(7L, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(EVENT), frame.getJsonObject("event"));
    }

    @Test
    void userFrameNamesUserTargetAndCarriesSeq() {
        JsonObject frame = parse(MessageFrames.forTarget(Target.Kind.USER, 8, EVENT));

        assertEquals(Set.of("type", "target", "seq", "event"), frame.keySet());
        assertEquals("message", frame.getString("type"));
        assertEquals("user", frame.getString("target"));
        assertEquals(8L, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(EVENT), frame.getJsonObject("event"));
    }

    @Test
    void targetFrameIsTheDocumentedText() {
        assertEquals("{\"type\":\"message\",\"target\":\"session\",\"seq\":7,\"event\":" + EVENT + "}",
                MessageFrames.forTarget(Target.Kind.SESSION, 7, EVENT));
        assertEquals("{\"type\":\"message\",\"target\":\"user\",\"seq\":0,\"event\":" + EVENT + "}",
                MessageFrames.forTarget(Target.Kind.USER, 0, EVENT));
    }

    @Test
    void targetFrameKeepsLargeSequenceNumbersExact() {
        JsonObject frame = parse(MessageFrames.forTarget(Target.Kind.USER, Long.MAX_VALUE, EVENT));

        assertEquals(Long.MAX_VALUE, frame.getJsonNumber("seq").longValueExact());
    }

    @Test
    void targetKindsAreNamedSessionAndUser() {
        assertEquals("session", MessageFrames.targetName(Target.Kind.SESSION));
        assertEquals("user", MessageFrames.targetName(Target.Kind.USER));
    }

    @Test
    void aConflatedFrameSaysHowManyEventsItReplaced() {
        String frame = MessageFrames.forRoom("ticker-1", 42, "{\"id\":\"e\"}");
        assertEquals("{\"type\":\"message\",\"conflated\":3,\"room\":\"ticker-1\",\"seq\":42,\"event\":{\"id\":\"e\"}}",
                MessageFrames.withConflated(frame, 3));
    }
}
