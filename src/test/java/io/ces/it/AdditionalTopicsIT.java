package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** Topics listed in ces.kafka.additional-topics (the test server lists ces.events.more) deliver like the main one. */
class AdditionalTopicsIT {

    @Test
    void eventsOnAnAdditionalTopicAreDelivered() {
        String room = Rooms.unique("cr");
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("tom", "cr_*"))) {
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            for (int i = 0; i < 3; i++) {
                events.send(new ProducerRecord<>("ces.events.more", room,
                        Events.roomEvent("more-" + room + "-" + i, room, "{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            List<JsonObject> messages = client.messages(3, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                assertEquals(i, messages.get(i).getJsonObject("event").getJsonObject("data").getInt("i"));
            }
        }
    }
}
