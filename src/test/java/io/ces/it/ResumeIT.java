package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/**
 * A client that loses its connection resumes its session on a new one and gets everything it missed exactly once
 * and in order, or is told plainly that it cannot. The test server keeps 50 events of history per stream, so
 * longer gaps are recovered from Kafka.
 */
class ResumeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What a client remembers: its session, its resume token, and the last seq it has of each room. */
    private record Memory(String session, String resumeToken, Map<String, Long> positions) {
    }

    private static String resumeFrame(Memory memory) {
        return ReceivedLog.resumeFrame(memory.session(), memory.resumeToken(), memory.positions());
    }

    @Test
    void aTcpDropMidStreamResumesExactlyOnceAndInOrderAcrossTheSeam() throws Exception {
        List<String> rooms = List.of(Rooms.unique("cr"), Rooms.unique("cr"), Rooms.unique("cr"));
        String token = TestTokens.user(Rooms.unique("dropper"), "cr_*");
        int total = 1_000;
        ReceivedLog log = new ReceivedLog(rooms);

        RawWsClient first = RawWsClient.connect("/ws", token, true);
        JsonObject welcome = first.next(WAIT);
        for (String room : rooms) {
            first.sendText("{\"type\":\"subscribe\",\"id\":\"" + room + "\",\"room\":\"" + room + "\"}");
            assertEquals("subscribed", first.next(WAIT).getString("type"));
        }
        try (Events events = new Events()) {
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < total; i++) {
                    String room = rooms.get(i % 3);
                    events.sendAsync(room, Events.roomEvent(room + "-drop-" + i, room, "{\"i\":" + i + "}"));
                    if (i % 20 == 19) {
                        events.flush();
                        pause(10);
                    }
                }
                events.flush();
            });
            int seenBeforeDrop = 0;
            while (seenBeforeDrop < 200) {
                JsonObject message = first.next(WAIT);
                log.record(message);
                seenBeforeDrop++;
            }
            first.cutTcp();
            for (JsonObject message : first.received()) {
                log.record(message);
            }
            producing.get();

            Memory memory = new Memory(welcome.getString("session"), welcome.getString("resumeToken"), log.positions());
            try (WsClient second = WsClient.connect(token)) {
                second.send(resumeFrame(memory));
                JsonObject resumed = second.nextMatching(f -> "resumed".equals(f.getString("type")));
                assertEquals(memory.session(), resumed.getString("session"));
                int recoveredRooms = 0;
                while (log.total() < total) {
                    JsonObject frame = second.next(WAIT);
                    switch (frame.getString("type")) {
                        case "subscribed" -> {
                            assertTrue(frame.getBoolean("recovered"), "recovered " + frame);
                            recoveredRooms++;
                        }
                        case "message" -> log.record(frame);
                        default -> {
                            // the recovery of the session's and user's own events
                        }
                    }
                }
                assertEquals(3, recoveredRooms);
                assertTrue(second.drain(Duration.ofSeconds(2)).stream()
                        .noneMatch(f -> "message".equals(f.getString("type"))), "nothing twice");
            }
        }
        log.assertCompleteAndOrdered(total);
    }

    @Test
    void aShortGapIsReplayedFromHistoryAndALongOneFromKafka() throws Exception {
        double fromHistory = Metrics.sum("ces_recoveries_total", "source=\"history\"", "result=\"recovered\"");
        double fromKafka = Metrics.sum("ces_recoveries_total", "source=\"kafka\"", "result=\"recovered\"");
        assertEquals(10, gapReplayed(10));
        assertTrue(Metrics.sum("ces_recoveries_total", "source=\"history\"", "result=\"recovered\"") > fromHistory);
        assertEquals(200, gapReplayed(200), "beyond the 50 events of history, recovered from Kafka");
        assertTrue(Metrics.sum("ces_recoveries_total", "source=\"kafka\"", "result=\"recovered\"") > fromKafka);
    }

    /** Subscribes, receives one event, drops, misses {@code gap} events, resumes: the number replayed. */
    private static int gapReplayed(int gap) throws Exception {
        String room = Rooms.unique("cr");
        String token = TestTokens.user(Rooms.unique("gap"), "cr_*");
        try (Events events = new Events(); RawWsClient first = RawWsClient.connect("/ws", token, true)) {
            JsonObject welcome = first.next(WAIT);
            first.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
            first.next(WAIT);
            events.send(room, Events.roomEvent(room + "-before", room, "{\"i\":-1}"));
            long seen = first.next(WAIT).getJsonNumber("seq").longValue();
            first.cutTcp();
            // ces_event_processing_seconds counts events routed, once their idempotency check has answered
            double routedBefore = Metrics.sum("ces_event_processing_seconds_count");
            for (int i = 0; i < gap; i++) {
                events.sendAsync(room, Events.roomEvent(room + "-gap-" + i, room, "{\"i\":" + i + "}"));
            }
            events.flush();
            // The whole gap must be routed before the resume, or part of it arrives live instead of replayed (a
            // loaded CI machine showed 33 of 200 replayed, the rest live: all delivered, but not what is tested).
            long routed = System.nanoTime() + WAIT.toNanos();
            while (Metrics.sum("ces_event_processing_seconds_count") < routedBefore + gap
                    && System.nanoTime() < routed) {
                Thread.sleep(100);
            }
            Thread.sleep(300);
            Memory memory = new Memory(welcome.getString("session"), welcome.getString("resumeToken"),
                    Map.of(room, seen));
            try (WsClient second = WsClient.connect(token)) {
                second.send(resumeFrame(memory));
                JsonObject subscribed = second.nextMatching(f -> "subscribed".equals(f.getString("type")));
                assertTrue(subscribed.getBoolean("recovered"), subscribed.toString());
                List<JsonObject> replayed = second.messages(gap, WAIT);
                for (int i = 0; i < gap; i++) {
                    assertEquals(i, replayed.get(i).getJsonObject("event").getJsonObject("data").getInt("i"));
                }
                return subscribed.getInt("replayed");
            }
        }
    }

    @Test
    void aPositionOlderThanKafkaRetainsIsReportedUnrecoverableAndLiveEventsFollow() throws Exception {
        String room = Rooms.unique("cr");
        String token = TestTokens.user(Rooms.unique("old"), "cr_*");
        try (Events events = new Events(); RawWsClient first = RawWsClient.connect("/ws", token, true)) {
            JsonObject welcome = first.next(WAIT);
            first.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
            first.next(WAIT);
            events.send(room, Events.roomEvent(room + "-kept", room, "{\"i\":0}"));
            long seen = first.next(WAIT).getJsonNumber("seq").longValue();
            first.cutTcp();
            RecordMetadata last = null;
            for (int i = 1; i <= 80; i++) {
                last = events.send(room, Events.roomEvent(room + "-lost-" + i, room, "{\"i\":" + i + "}"));
            }
            try (Admin admin = Admin.create(adminConfig())) {
                admin.deleteRecords(Map.of(new TopicPartition(last.topic(), last.partition()),
                        RecordsToDelete.beforeOffset(last.offset()))).all().get();
            }
            Memory memory = new Memory(welcome.getString("session"), welcome.getString("resumeToken"),
                    Map.of(room, seen));
            try (WsClient second = WsClient.connect(token)) {
                second.send(resumeFrame(memory));
                JsonObject subscribed = second.nextMatching(f -> "subscribed".equals(f.getString("type")));
                assertFalse(subscribed.getBoolean("recovered"), "the client must reload: " + subscribed);
                assertEquals(0, subscribed.getInt("replayed"));
                events.send(room, Events.roomEvent(room + "-live", room, "{\"i\":99}"));
                assertEquals(room + "-live", second.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));
            }
        }
    }

    @Test
    void aSubscribeWithSinceRecoversARoomWithoutASession() throws Exception {
        String room = Rooms.unique("cr");
        try (Events events = new Events()) {
            long since = events.send(room, Events.roomEvent(room + "-s-0", room, "{\"i\":0}")).offset();
            for (int i = 1; i <= 5; i++) {
                events.send(room, Events.roomEvent(room + "-s-" + i, room, "{\"i\":" + i + "}"));
            }
            try (WsClient client = WsClient.connect(TestTokens.user(Rooms.unique("since"), "cr_*"))) {
                client.send("{\"type\":\"subscribe\",\"id\":\"x\",\"room\":\"" + room + "\",\"since\":" + since + "}");
                JsonObject subscribed = client.nextMatching(f -> "subscribed".equals(f.getString("type")));
                assertEquals("x", subscribed.getString("ref"));
                assertTrue(subscribed.getBoolean("recovered"));
                assertEquals(5, subscribed.getInt("replayed"));
                List<JsonObject> replayed = client.messages(5, WAIT);
                assertEquals(1, replayed.get(0).getJsonObject("event").getJsonObject("data").getInt("i"));
                events.send(room, Events.roomEvent(room + "-s-live", room, "{\"i\":6}"));
                assertEquals(6, client.messages(1, WAIT).get(0).getJsonObject("event").getJsonObject("data").getInt("i"));
            }
        }
    }

    @Test
    void eventsForTheSessionWhileItWasAwayAreDeliveredOnResume() throws Exception {
        String token = TestTokens.user(Rooms.unique("away"));
        try (Events events = new Events(); RawWsClient first = RawWsClient.connect("/ws", token, true)) {
            JsonObject welcome = first.next(WAIT);
            String session = welcome.getString("session");
            first.cutTcp();
            events.send(session, Events.targetedEvent(session + "-while-away", "sessionid", session, "{}"));
            Memory memory = new Memory(session, welcome.getString("resumeToken"), Map.of());
            try (WsClient second = WsClient.connect(token)) {
                second.send(resumeFrame(memory));
                JsonObject recovered = second.nextMatching(f -> "recovered".equals(f.getString("type"))
                        && "session".equals(f.getString("target")));
                assertTrue(recovered.getBoolean("recovered"));
                JsonObject message = second.messages(1, WAIT).get(0);
                assertEquals("session", message.getString("target"));
                assertEquals(session + "-while-away", message.getJsonObject("event").getString("id"));
            }
        }
    }

    @Test
    void aWrongResumeTokenIsRefusedWithCloseCode4010() throws Exception {
        String token = TestTokens.user(Rooms.unique("thief"));
        try (RawWsClient first = RawWsClient.connect("/ws", token, true)) {
            String session = first.next(WAIT).getString("session");
            try (WsClient second = WsClient.connect(token)) {
                second.send(resumeFrame(new Memory(session, "not-the-token", Map.of())));
                JsonObject error = second.nextMatching(f -> "error".equals(f.getString("type")));
                assertEquals("session-expired", error.getString("code"));
                assertEquals(4010, second.awaitClose(Duration.ofSeconds(10)));
            }
        }
    }

    private static Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Gateway.KAFKA);
        return config;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
