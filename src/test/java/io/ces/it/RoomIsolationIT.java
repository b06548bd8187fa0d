package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** Each client receives exactly the events of the rooms it joined: all of them, once, in Kafka order. */
class RoomIsolationIT {

    private static final int EVENTS = 1_000;

    @Test
    void clientsReceiveExactlyTheirRoomsInOrder() {
        String room1 = Rooms.unique("cr");
        String room2 = Rooms.unique("cr");
        String elsewhere = Rooms.unique("cr");
        String token = TestTokens.user("iso", "cr_*");
        try (Events events = new Events();
                WsClient onlyRoom1 = WsClient.connect(token);
                WsClient onlyRoom2 = WsClient.connect(token);
                WsClient both = WsClient.connect(token)) {
            assertEquals("subscribed", onlyRoom1.subscribe(room1).getString("type"));
            assertEquals("subscribed", onlyRoom2.subscribe(room2).getString("type"));
            assertEquals("subscribed", both.subscribe(room1).getString("type"));
            assertEquals("subscribed", both.subscribe(room2).getString("type"));

            for (int i = 0; i < EVENTS; i++) {
                String room = i % 2 == 0 ? room1 : room2;
                events.sendAsync(room, Events.roomEvent(room + "-iso-" + i, room, "{\"i\":" + i + "}"));
                if (i % 10 == 0) {
                    events.sendAsync(elsewhere, Events.roomEvent(elsewhere + "-other-" + i, elsewhere, "{\"i\":" + i + "}"));
                }
            }
            events.flush();

            assertRoomsInOrder(onlyRoom1.messages(EVENTS / 2, Duration.ofSeconds(60)), Map.of(room1, EVENTS / 2));
            assertRoomsInOrder(onlyRoom2.messages(EVENTS / 2, Duration.ofSeconds(60)), Map.of(room2, EVENTS / 2));
            assertRoomsInOrder(both.messages(EVENTS, Duration.ofSeconds(60)), Map.of(room1, EVENTS / 2, room2, EVENTS / 2));

            for (WsClient client : List.of(onlyRoom1, onlyRoom2, both)) {
                List<JsonObject> extra = client.drain(Duration.ofSeconds(2));
                assertTrue(extra.isEmpty(), "no duplicates and nothing from other rooms, got " + extra);
            }
        }
    }

    /** Every expected room's events arrive complete, without duplicates, with seq and send order increasing. */
    private static void assertRoomsInOrder(List<JsonObject> messages, Map<String, Integer> expectedPerRoom) {
        Map<String, List<JsonObject>> byRoom = new HashMap<>();
        for (JsonObject message : messages) {
            String room = message.getString("room");
            assertTrue(expectedPerRoom.containsKey(room), "unexpected room " + room);
            assertEquals(room, message.getJsonObject("event").getString("room"));
            byRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(message);
        }
        expectedPerRoom.forEach((room, count) -> {
            List<JsonObject> received = byRoom.getOrDefault(room, List.of());
            assertEquals(count, received.size(), "events of " + room);
            long lastSeq = -1;
            int lastIndex = -1;
            for (JsonObject message : received) {
                long seq = message.getJsonNumber("seq").longValue();
                int index = message.getJsonObject("event").getJsonObject("data").getInt("i");
                assertTrue(seq > lastSeq, "seq strictly increases in " + room);
                assertTrue(index > lastIndex, "events arrive in the order they were produced in " + room);
                lastSeq = seq;
                lastIndex = index;
            }
        });
    }
}
