package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Batched frames ({@code /ws?batch=true}, docs/protocol.md): a client that asked for them and stops reading for a
 * moment during a burst gets the frames that queued up meanwhile as JSON arrays, each event once and in order; a
 * client that did not ask, in the same room on the same replica, gets only single objects. The burst's events are
 * large and the batching client's receive buffer small, so that its socket fills up and frames wait in its queue;
 * the pause stays well below the test replicas' write timeout (5 s).
 */
class BatchedFramesIT {

    private static final int EVENTS = 600;
    private static final String PAD = "\"" + "b".repeat(4_000) + "\"";
    private static final int SMALL_RECEIVE_BUFFER = 32 * 1024;

    private static RawWsClient subscribed(String path, String room, int receiveBuffer) throws Exception {
        RawWsClient client = RawWsClient.connect(Gateway.HTTP_PORT, path,
                TestTokens.user(Rooms.unique("batch"), room), true, receiveBuffer);
        JsonObject welcome = client.next(Duration.ofSeconds(10));
        assertEquals("welcome", welcome.getString("type"));
        client.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
        assertEquals("subscribed", client.next(Duration.ofSeconds(10)).getString("type"));
        client.received(); // nothing else yet; the counters below start from here
        return client;
    }

    @Test
    void aClientThatAskedGetsTheBacklogAsArraysEveryEventOnceAndInOrderWhileAPlainClientGetsObjects()
            throws Exception {
        String room = Rooms.unique("batched");
        double batchesBefore = Metrics.sum("ces_websocket_batches_total");
        double batchedBefore = Metrics.sum("ces_websocket_batched_frames_total");
        try (RawWsClient batching = subscribed("/ws?batch=true", room, SMALL_RECEIVE_BUFFER);
                RawWsClient plain = subscribed("/ws", room, 0)) {
            int objectsBefore = batching.objectFrames();
            batching.pauseReading();
            double consumedBefore = Metrics.sum("ces_events_consumed_total");
            try (Events events = new Events()) {
                for (int n = 0; n < EVENTS; n++) {
                    events.sendAsync(room, Events.roomEvent(Events.nextId("burst"), room,
                            "{\"n\":" + n + ",\"pad\":" + PAD + "}"));
                }
                events.flush();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (Metrics.sum("ces_events_consumed_total") < consumedBefore + EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            batching.resumeReading();

            List<JsonObject> batched = messages(batching, EVENTS);
            List<JsonObject> single = messages(plain, EVENTS);
            for (int n = 0; n < EVENTS; n++) {
                assertEquals(n, batched.get(n).getJsonObject("event").getJsonObject("data").getInt("n"),
                        "the batching client gets every event once, in order");
                assertEquals(n, single.get(n).getJsonObject("event").getJsonObject("data").getInt("n"),
                        "the plain client gets every event once, in order");
            }
            assertTrue(batching.arrayFrames() > 0, "at least one WebSocket frame was an array");
            assertTrue(batching.objectFrames() - objectsBefore + batching.arrayFrames() < EVENTS,
                    "fewer WebSocket frames than events: " + batching.arrayFrames() + " arrays, "
                            + (batching.objectFrames() - objectsBefore) + " single frames");
            assertEquals(0, plain.arrayFrames(), "a client that did not ask never gets an array");
            assertTrue(Metrics.sum("ces_websocket_batches_total") - batchesBefore >= batching.arrayFrames());
            assertTrue(Metrics.sum("ces_websocket_batched_frames_total") - batchedBefore >= 2.0 * batching.arrayFrames());
            System.out.println("BatchedFramesIT: " + EVENTS + " events came in " + batching.arrayFrames() + " arrays and "
                    + (batching.objectFrames() - objectsBefore) + " single frames");

            // Still a working connection: a reply comes after the burst.
            batching.sendText("{\"type\":\"ping\",\"id\":\"after\"}");
            JsonObject pong = batching.next(Duration.ofSeconds(10));
            assertEquals("after", pong.getString("ref"));
        }
    }

    @Test
    void theWelcomeSaysBatchOnlyToAClientThatAsked() throws Exception {
        String token = TestTokens.user(Rooms.unique("batch"));
        try (RawWsClient asked = RawWsClient.connect("/ws?batch=true", token, true);
                RawWsClient declined = RawWsClient.connect("/ws?batch=false", token, true);
                RawWsClient plain = RawWsClient.connect("/ws", token, true)) {
            assertTrue(asked.next(Duration.ofSeconds(10)).getBoolean("batch"));
            assertFalse(declined.next(Duration.ofSeconds(10)).containsKey("batch"));
            assertFalse(plain.next(Duration.ofSeconds(10)).containsKey("batch"));
        }
    }

    @Test
    void aBatchParameterThatIsNeitherTrueNorFalseClosesWith1008() throws Exception {
        try (RawWsClient client = RawWsClient.connect("/ws?batch=yes", TestTokens.user(Rooms.unique("batch")), true)) {
            assertEquals(1008, client.awaitClose(Duration.ofSeconds(10)));
        }
    }

    private static List<JsonObject> messages(RawWsClient client, int count) {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            JsonObject frame = client.next(Duration.ofSeconds(30));
            if ("message".equals(frame.getString("type"))) {
                messages.add(frame);
            }
        }
        return messages;
    }
}
