package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** The client side of the frame protocol: bad frames get error frames and the connection stays. */
class ProtocolIT {

    @Test
    void welcomeCarriesSessionResumeTokenAndHeartbeat() {
        try (WsClient client = WsClient.connect(TestTokens.user("nina"))) {
            JsonObject welcome = client.welcome();
            assertFalse(welcome.getString("session").isEmpty());
            assertFalse(welcome.getString("resumeToken").isEmpty());
            assertEquals(2, welcome.getInt("heartbeatSeconds"), "the test server's heartbeat");
        }
    }

    @Test
    void malformedFramesGetBadRequestAndTheConnectionStays() {
        try (WsClient client = WsClient.connect(TestTokens.user("olga", "cr_*"))) {
            for (String bad : new String[] {"not json", "[1]", "{\"id\":\"a\"}", "{\"type\":\"subscribe\",\"id\":\"b\"}",
                    "{\"type\":42}"}) {
                client.send(bad);
                JsonObject error = client.next();
                assertEquals("error", error.getString("type"), bad);
                assertEquals("bad-request", error.getString("code"), bad);
            }
            client.send("{\"type\":\"subscribe\",\"id\":\"c\",\"room\":\"bad room\"}");
            JsonObject invalidRoom = client.next();
            assertEquals("bad-request", invalidRoom.getString("code"));
            assertEquals("c", invalidRoom.getString("ref"));

            client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            JsonObject pong = client.next();
            assertEquals("pong", pong.getString("type"));
            assertEquals("p1", pong.getString("ref"));
        }
    }

    @Test
    void unknownFrameTypeIsUnsupported() {
        try (WsClient client = WsClient.connect(TestTokens.user("pat"))) {
            client.send("{\"type\":\"teleport\",\"id\":\"t1\"}");
            JsonObject error = client.next();
            assertEquals("unsupported", error.getString("code"));
            assertEquals("t1", error.getString("ref"));
        }
    }

    @Test
    void frameOverTheMaximumSizeClosesWith1009() {
        try (WsClient client = WsClient.connect(TestTokens.user("quinn"))) {
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, client.awaitClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void unsubscribeStopsDelivery() {
        String room = Rooms.unique("cr");
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("rita", "cr_*"))) {
            client.subscribe(room);
            client.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"room\":\"" + room + "\"}");
            JsonObject unsubscribed = client.next();
            assertEquals("unsubscribed", unsubscribed.getString("type"));
            assertEquals("u1", unsubscribed.getString("ref"));
            assertEquals(room, unsubscribed.getString("room"));
            events.send(room, Events.roomEvent(Events.nextId("after"), room, "{}"));
            client.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertEquals("pong", client.next().getString("type"));
            assertTrue(client.drain(Duration.ofSeconds(2)).isEmpty(), "no event after unsubscribe");
        }
    }
}
