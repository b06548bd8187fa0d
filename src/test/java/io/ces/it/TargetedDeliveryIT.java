package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** Events addressed to one session or one user reach exactly that session, or every session of that user. */
class TargetedDeliveryIT {

    @Test
    void sessionEventReachesOnlyThatSession() {
        String user = Rooms.unique("u");
        try (Events events = new Events();
                WsClient first = WsClient.connect(TestTokens.user(user));
                WsClient second = WsClient.connect(TestTokens.user(user));
                WsClient stranger = WsClient.connect(TestTokens.user(Rooms.unique("u")))) {
            String id = Events.nextId("to-session");
            events.send(first.sessionId(), Events.targetedEvent(id, "sessionid", first.sessionId(), "{\"n\":1}"));

            JsonObject message = first.messages(1, Duration.ofSeconds(20)).get(0);
            assertEquals("session", message.getString("target"));
            assertFalse(message.containsKey("room"));
            assertEquals(id, message.getJsonObject("event").getString("id"));
            second.welcome();
            stranger.welcome();
            assertTrue(second.drain(Duration.ofSeconds(2)).isEmpty(), "the user's other session gets nothing");
            assertTrue(stranger.drain(Duration.ofMillis(200)).isEmpty(), "another user gets nothing");
        }
    }

    @Test
    void userEventReachesEverySessionOfThatUser() {
        String user = Rooms.unique("u");
        try (Events events = new Events();
                WsClient first = WsClient.connect(TestTokens.user(user));
                WsClient second = WsClient.connect(TestTokens.user(user));
                WsClient stranger = WsClient.connect(TestTokens.user(Rooms.unique("u")))) {
            first.welcome();
            second.welcome();
            stranger.welcome();
            String id = Events.nextId("to-user");
            events.send(user, Events.targetedEvent(id, "userid", user, "{\"n\":2}"));

            for (WsClient session : new WsClient[] {first, second}) {
                JsonObject message = session.messages(1, Duration.ofSeconds(20)).get(0);
                assertEquals("user", message.getString("target"));
                assertEquals(id, message.getJsonObject("event").getString("id"));
            }
            assertTrue(stranger.drain(Duration.ofSeconds(2)).isEmpty(), "another user gets nothing");
        }
    }
}
