package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.Target;
import io.ces.domain.room.RoomAccess;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

class ServerFramesTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final ServerFrames frames = new ServerFrames(JSON);

    private static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void welcomeSaysBatchOnlyWhenFramesMayComeAsArrays() {
        assertEquals(true, parse(frames.welcome("s-1", "tok-1", 25, true)).getBoolean("batch"));
        assertFalse(parse(frames.welcome("s-1", "tok-1", 25, false)).containsKey("batch"));
        assertFalse(parse(frames.welcome("s-1", "tok-1", 25)).containsKey("batch"));
    }

    @Test
    void welcomeCarriesSessionResumeTokenAndHeartbeat() {
        JsonObject frame = parse(frames.welcome("s-1", "tok-1", 25));

        assertEquals(Set.of("type", "session", "resumeToken", "heartbeatSeconds"), frame.keySet());
        assertEquals("welcome", frame.getString("type"));
        assertEquals("s-1", frame.getString("session"));
        assertEquals("tok-1", frame.getString("resumeToken"));
        assertEquals(25, frame.getInt("heartbeatSeconds"));
    }

    @Test
    void errorCarriesRefCodeAndMessage() {
        JsonObject frame = parse(frames.error("r1", "bad-request", "a frame must be valid JSON"));

        assertEquals(Set.of("type", "ref", "code", "message"), frame.keySet());
        assertEquals("error", frame.getString("type"));
        assertEquals("r1", frame.getString("ref"));
        assertEquals("bad-request", frame.getString("code"));
        assertEquals("a frame must be valid JSON", frame.getString("message"));
    }

    @Test
    void errorWithoutRefOmitsIt() {
        JsonObject frame = parse(frames.error(null, "unsupported", "nope"));

        assertFalse(frame.containsKey("ref"));
        assertEquals(Set.of("type", "code", "message"), frame.keySet());
    }

    @Test
    void textIsEscapedSoFramesStayValidJson() {
        String message = "quote \" backslash \\ newline \n tab \t unicode \u00e9 \u2028";

        assertEquals(message, parse(frames.error("r\"1", "bad-request", message)).getString("message"));
        assertEquals("r\"1", parse(frames.error("r\"1", "bad-request", message)).getString("ref"));
    }

    @Test
    void subscribedCarriesRefAndRoom() {
        JsonObject frame = parse(frames.subscribed("r2", "cr_1"));

        assertEquals("subscribed", frame.getString("type"));
        assertEquals("r2", frame.getString("ref"));
        assertEquals("cr_1", frame.getString("room"));
    }

    @Test
    void unsubscribedCarriesRefAndRoom() {
        JsonObject frame = parse(frames.unsubscribed("r3", "cr_1"));

        assertEquals("unsubscribed", frame.getString("type"));
        assertEquals("r3", frame.getString("ref"));
        assertEquals("cr_1", frame.getString("room"));
    }

    @Test
    void pongEchoesRef() {
        JsonObject frame = parse(frames.pong("r4"));

        assertEquals(Set.of("type", "ref"), frame.keySet());
        assertEquals("pong", frame.getString("type"));
        assertEquals("r4", frame.getString("ref"));
    }

    @Test
    void framesWithoutRefOmitIt() {
        assertEquals(Set.of("type"), parse(frames.pong(null)).keySet());
        assertEquals(Set.of("type", "room"), parse(frames.subscribed(null, "cr_1")).keySet());
        assertEquals(Set.of("type", "room"), parse(frames.unsubscribed(null, "cr_1")).keySet());
    }

    private static ClientSession sessionIn(String id, String... rooms) {
        ClientSession session = new ClientSession(id, new Caller("alice", RoomAccess.everyRoom(), false), "tok",
                Instant.parse("2025-01-01T00:00:00Z"));
        SessionRegistry registry = new SessionRegistry();
        registry.add(session);
        for (String room : rooms) {
            registry.subscribe(session, room);
        }
        return session;
    }

    @Test
    void roomRecoveredIsASubscribedFrameWithTheOutcome() {
        JsonObject frame = parse(frames.roomRecovered("r5", "cr_1", true, 3));

        assertEquals(Set.of("type", "ref", "room", "recovered", "replayed"), frame.keySet());
        assertEquals("subscribed", frame.getString("type"));
        assertEquals("r5", frame.getString("ref"));
        assertEquals("cr_1", frame.getString("room"));
        assertTrue(frame.getBoolean("recovered"));
        assertEquals(3, frame.getInt("replayed"));
    }

    @Test
    void roomRecoveredWithoutRefOmitsItAndReportsAFailedRecovery() {
        JsonObject frame = parse(frames.roomRecovered(null, "cr_1", false, 0));

        assertEquals(Set.of("type", "room", "recovered", "replayed"), frame.keySet());
        assertEquals("subscribed", frame.getString("type"));
        assertFalse(frame.getBoolean("recovered"));
        assertEquals(0, frame.getInt("replayed"));
    }

    @Test
    void resumedCarriesRefSessionAndTheRoomsSorted() {
        JsonObject frame = parse(frames.resumed("r6", sessionIn("s-1", "cr_b", "cr_c", "cr_a")));

        assertEquals(Set.of("type", "ref", "session", "rooms"), frame.keySet());
        assertEquals("resumed", frame.getString("type"));
        assertEquals("r6", frame.getString("ref"));
        assertEquals("s-1", frame.getString("session"));
        assertEquals(List.of("cr_a", "cr_b", "cr_c"),
                frame.getJsonArray("rooms").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    @Test
    void resumedWithoutRoomsOrRefHasAnEmptyRoomList() {
        JsonObject frame = parse(frames.resumed(null, sessionIn("s-2")));

        assertEquals(Set.of("type", "session", "rooms"), frame.keySet());
        assertEquals("s-2", frame.getString("session"));
        assertTrue(frame.getJsonArray("rooms").isEmpty());
    }

    @Test
    void targetRecoveredNamesTheSessionTarget() {
        JsonObject frame = parse(frames.targetRecovered(Target.Kind.SESSION, true, 2));

        assertEquals(Set.of("type", "target", "recovered", "replayed"), frame.keySet());
        assertEquals("recovered", frame.getString("type"));
        assertEquals("session", frame.getString("target"));
        assertTrue(frame.getBoolean("recovered"));
        assertEquals(2, frame.getInt("replayed"));
    }

    @Test
    void targetRecoveredNamesTheUserTarget() {
        JsonObject frame = parse(frames.targetRecovered(Target.Kind.USER, false, 0));

        assertEquals("recovered", frame.getString("type"));
        assertEquals("user", frame.getString("target"));
        assertFalse(frame.getBoolean("recovered"));
        assertEquals(0, frame.getInt("replayed"));
    }

    @Test
    void roomForbiddenIsAnErrorNamingTheRoom() {
        JsonObject frame = parse(frames.roomForbidden("cr_9"));

        assertEquals(Set.of("type", "code", "room", "message"), frame.keySet());
        assertEquals("error", frame.getString("type"));
        assertEquals("forbidden", frame.getString("code"));
        assertEquals("cr_9", frame.getString("room"));
        assertTrue(frame.getString("message").contains("cr_9"), frame.getString("message"));
    }

    @Test
    void rateLimitedErrorHasNoRefAndSaysWhenToRetry() {
        JsonObject frame = parse(frames.rateLimited(3));

        assertEquals(Set.of("type", "code", "message", "retryAfter"), frame.keySet());
        assertEquals("error", frame.getString("type"));
        assertEquals("rate-limited", frame.getString("code"));
        assertEquals(3, frame.getInt("retryAfter"));
    }

    @Test
    void ackedNamesTheReceiptRoomAndSeq() {
        JsonObject frame = parse(frames.acked("a1", io.ces.domain.receipt.ReceiptKind.READ, "cr_1", 42));

        assertEquals(Set.of("type", "ref", "receipt", "room", "seq"), frame.keySet());
        assertEquals("acked", frame.getString("type"));
        assertEquals("a1", frame.getString("ref"));
        assertEquals("read", frame.getString("receipt"));
        assertEquals("cr_1", frame.getString("room"));
        assertEquals(42, frame.getJsonNumber("seq").longValueExact());
        assertEquals(Set.of("type", "receipt", "room", "seq"),
                parse(frames.acked(null, io.ces.domain.receipt.ReceiptKind.DELIVERED, "cr_1", 42)).keySet());
    }
}
