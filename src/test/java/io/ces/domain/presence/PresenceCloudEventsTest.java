package io.ces.domain.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class PresenceCloudEventsTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private final PresenceCloudEvents events = new PresenceCloudEvents(JSON, "replica-a");
    private final Instant at = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aJoinIsACloudEventWithTheRoomAttributeAndUserData() {
        String text = events.encode(new PresenceSignal(PresenceSignal.Kind.JOINED, "cr_1", "alice", "s1", at));
        JsonObject event = JSON.createReader(new StringReader(text)).readObject();
        assertEquals("1.0", event.getString("specversion"));
        assertEquals("/ces/replica-a", event.getString("source"));
        assertEquals("ces.presence.joined", event.getString("type"));
        assertEquals("cr_1", event.getString("room"));
        assertFalse(event.getString("id").isEmpty());
        JsonObject data = event.getJsonObject("data");
        assertEquals("alice", data.getString("user"));
        assertEquals("cr_1", data.getString("room"));
        assertEquals(at.toString(), data.getString("at"));
        assertFalse(data.containsKey("session"), "a join does not reveal the session id");
    }

    @Test
    void signalsSurviveTheRoundTrip() {
        PresenceSignal typing = new PresenceSignal(PresenceSignal.Kind.TYPING, "cr_1", "bob", "s2", at);
        assertEquals(typing, events.decode(events.encode(typing)).orElseThrow());
        PresenceSignal left = new PresenceSignal(PresenceSignal.Kind.LEFT, "cr_1", "bob", "s2", at);
        PresenceSignal decoded = events.decode(events.encode(left)).orElseThrow();
        assertEquals(PresenceSignal.Kind.LEFT, decoded.kind());
        assertNull(decoded.session());
    }

    @Test
    void foreignOrBrokenRecordsAreNotSignals() {
        assertTrue(events.decode("not json").isEmpty());
        assertTrue(events.decode("{\"type\":\"chat.message\",\"data\":{\"user\":\"a\",\"room\":\"r\",\"at\":\""
                + at + "\"}}").isEmpty());
        assertTrue(events.decode("{\"type\":\"ces.typing\",\"data\":{\"user\":\"a\"}}").isEmpty());
        assertTrue(events.decode("{\"type\":\"ces.typing\",\"data\":{\"user\":\"a\",\"room\":\"r\",\"at\":\"x\"}}")
                .isEmpty());
    }

    @Test
    void framesShowUsersNotSessions() {
        PresenceFrames frames = new PresenceFrames(JSON);
        assertEquals("{\"type\":\"presence\",\"room\":\"cr_1\",\"joined\":\"alice\",\"at\":\"" + at + "\"}",
                frames.change(new PresenceSignal(PresenceSignal.Kind.JOINED, "cr_1", "alice", "s1", at)));
        assertEquals("{\"type\":\"typing\",\"room\":\"cr_1\",\"user\":\"alice\",\"at\":\"" + at + "\"}",
                frames.typing(new PresenceSignal(PresenceSignal.Kind.TYPING, "cr_1", "alice", "s1", at)));
        assertEquals("{\"type\":\"presence\",\"ref\":\"p\",\"room\":\"cr_1\",\"count\":3}",
                frames.snapshot("p", new PresenceView("cr_1", 3, null)));
    }
}
