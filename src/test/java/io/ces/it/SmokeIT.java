package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

class SmokeIT {

    @Test
    void roomEventReachesSubscriber() {
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("smoke", "smoke_*"))) {
            assertEquals("subscribed", client.subscribe("smoke_1").getString("type"));
            String id = Events.nextId("smoke");
            events.send("smoke_1", Events.roomEvent(id, "smoke_1", "{\"text\":\"hi\"}"));
            JsonObject message = client.nextMatching(f -> "message".equals(f.getString("type")));
            assertEquals(id, message.getJsonObject("event").getString("id"));
        }
    }
}
