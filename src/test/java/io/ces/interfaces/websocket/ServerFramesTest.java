package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
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
}
