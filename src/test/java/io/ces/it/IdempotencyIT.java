package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** The same CloudEvent (source and id) sent twice within the window is delivered once, on every replica. */
class IdempotencyIT {

    @Test
    void aDuplicateEventIdIsDeliveredOnce() {
        String room = Rooms.unique("cr");
        String token = TestTokens.user("erin", "cr_*");
        try (Events events = new Events(); WsClient onA = WsClient.connect(Gateway.WS, token);
                WsClient onB = WsClient.connect(Gateway.WS_B, token)) {
            assertEquals("subscribed", onA.subscribe(room).getString("type"));
            assertEquals("subscribed", onB.subscribe(room).getString("type"));
            double delayedOnA = Metrics.sumOn(Gateway.HTTP_PORT, "ces_routing_delayed_total");
            double delayedOnB = Metrics.sumOn(Gateway.HTTP_PORT_B, "ces_routing_delayed_total");
            String id = Events.nextId("twice");
            events.send(room, Events.roomEvent(id, room, "{\"copy\":1}"));
            events.send(room, Events.roomEvent(id, room, "{\"copy\":2}"));
            String next = Events.nextId("next");
            events.send(room, Events.roomEvent(next, room, "{}"));
            for (WsClient client : List.of(onA, onB)) {
                List<JsonObject> messages = client.messages(2, Duration.ofSeconds(30));
                assertEquals(id, messages.get(0).getJsonObject("event").getString("id"));
                assertEquals(1, messages.get(0).getJsonObject("event").getJsonObject("data").getInt("copy"));
                assertEquals(next, messages.get(1).getJsonObject("event").getString("id"));
                assertTrue(client.drain(Duration.ofSeconds(1)).isEmpty(), "the copy is not delivered");
            }
            // Both replicas check every record, and the second to check one is refused by the shared window and
            // reads it back: with the cache healthy, that never ends in a retry.
            assertEquals(delayedOnA, Metrics.sumOn(Gateway.HTTP_PORT, "ces_routing_delayed_total"), "retries on A");
            assertEquals(delayedOnB, Metrics.sumOn(Gateway.HTTP_PORT_B, "ces_routing_delayed_total"), "retries on B");
        }
    }
}
