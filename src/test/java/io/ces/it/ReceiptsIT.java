package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Acks and read receipts against the real replicas: a received event acknowledged and read (each twice) gives
 * exactly one delivered and one read receipt on ces.receipts, with the user, the session, the event's id and the
 * time, also when the session repeats an ack on the other replica after a resume; an ack of a position never
 * delivered to the session is refused with not-delivered and publishes nothing.
 */
class ReceiptsIT {

    private static final String TOPIC = "ces.receipts";
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Test
    void anAckedAndReadEventGivesOneReceiptOfEachKindOnKafka() {
        String user = "receipts-" + System.nanoTime();
        String room = Rooms.unique("rc_ok");
        String eventId = Events.nextId(room);
        try (TopicTail topic = new TopicTail(TOPIC, SETTLE);
                Events events = new Events();
                WsClient client = WsClient.connect(Gateway.WS, TestTokens.user(user, "rc_*"))) {
            String session = client.sessionId();
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            events.send(room, Events.roomEvent(eventId, room, "{\"text\":\"hello\"}"));
            JsonObject message = client.nextMatching(frame -> "message".equals(frame.getString("type", null)));
            long seq = message.getJsonNumber("seq").longValueExact();

            for (String kind : List.of("ack", "ack", "read", "read")) {
                client.send("{\"type\":\"" + kind + "\",\"id\":\"" + kind + "\",\"room\":\"" + room + "\",\"seq\":"
                        + seq + "}");
                JsonObject reply = client.nextMatching(frame -> kind.equals(frame.getString("ref", null)));
                assertEquals("acked", reply.getString("type"), reply.toString());
                assertEquals(kind, reply.getString("receipt"));
                assertEquals(room, reply.getString("room"));
                assertEquals(seq, reply.getJsonNumber("seq").longValueExact());
            }

            List<JsonObject> receipts = topic.await(ofSession(session), 2, Duration.ofSeconds(15));
            assertEquals(2, receipts.size(), "one receipt per kind, however often it was sent: " + receipts);
            JsonObject delivered = receipts.stream()
                    .filter(r -> "ces.receipt.delivered".equals(r.getString("type"))).findFirst().orElseThrow();
            JsonObject read = receipts.stream()
                    .filter(r -> "ces.receipt.read".equals(r.getString("type"))).findFirst().orElseThrow();
            for (JsonObject receipt : receipts) {
                assertEquals("1.0", receipt.getString("specversion"));
                assertTrue(receipt.getString("source").startsWith("/ces/"), receipt.toString());
                JsonObject data = receipt.getJsonObject("data");
                assertEquals(user, data.getString("user"));
                assertEquals(session, data.getString("session"));
                assertEquals(room, data.getString("room"));
                assertEquals(seq, data.getJsonNumber("seq").longValueExact());
                assertEquals(eventId, data.getString("eventId"));
            }
            assertFalse(delivered.getJsonObject("data").getString("deliveredAt").isEmpty());
            assertFalse(read.getJsonObject("data").getString("readAt").isEmpty());
            assertNotEquals(delivered.getString("id"), read.getString("id"));
        }
    }

    @Test
    void anAckRepeatedOnTheOtherReplicaAfterAResumePublishesNothingMore() {
        String user = "receipts-moved-" + System.nanoTime();
        String room = Rooms.unique("rc_moved");
        String token = TestTokens.user(user, "rc_*");
        try (TopicTail topic = new TopicTail(TOPIC, SETTLE); Events events = new Events()) {
            JsonObject welcome;
            long seq;
            try (WsClient onA = WsClient.connect(Gateway.WS, token)) {
                welcome = onA.welcome();
                assertEquals("subscribed", onA.subscribe(room).getString("type"));
                events.send(room, Events.roomEvent(Events.nextId(room), room, "{\"text\":\"hello\"}"));
                seq = onA.nextMatching(frame -> "message".equals(frame.getString("type", null)))
                        .getJsonNumber("seq").longValueExact();
                onA.send(ack("first", room, seq));
                assertEquals("acked", onA.nextMatching(f -> "first".equals(f.getString("ref", null)))
                        .getString("type"));
            }
            try (WsClient onB = WsClient.connect(Gateway.WS_B, token)) {
                onB.send(ReceivedLog.resumeFrame(welcome.getString("session"), welcome.getString("resumeToken"),
                        Map.of(room, seq)));
                onB.nextMatching(f -> "resumed".equals(f.getString("type", null)));
                onB.send(ack("again", room, seq));
                JsonObject reply = onB.nextMatching(f -> "again".equals(f.getString("ref", null)));
                assertEquals("acked", reply.getString("type"), reply.toString());
            }
            List<JsonObject> receipts = topic.await(ofSession(welcome.getString("session")), 2, Duration.ofSeconds(10));
            assertEquals(1, receipts.size(), "the ack on the other replica is the same receipt: " + receipts);
        }
    }

    private static String ack(String id, String room, long seq) {
        return "{\"type\":\"ack\",\"id\":\"" + id + "\",\"room\":\"" + room + "\",\"seq\":" + seq + "}";
    }

    @Test
    void anAckOfWhatWasNeverDeliveredIsRefusedAndPublishesNothing() {
        String user = "receipts-refused-" + System.nanoTime();
        String room = Rooms.unique("rc_refused");
        String elsewhere = Rooms.unique("rc_elsewhere");
        try (TopicTail topic = new TopicTail(TOPIC, SETTLE);
                Events events = new Events();
                WsClient client = WsClient.connect(Gateway.WS, TestTokens.user(user, "rc_*"))) {
            String session = client.sessionId();
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            events.send(room, Events.roomEvent(Events.nextId(room), room, "{\"text\":\"hello\"}"));
            long seq = client.nextMatching(frame -> "message".equals(frame.getString("type", null)))
                    .getJsonNumber("seq").longValueExact();

            List<String> refused = List.of(
                    "{\"type\":\"ack\",\"id\":\"future\",\"room\":\"" + room + "\",\"seq\":" + (seq + 1000) + "}",
                    "{\"type\":\"read\",\"id\":\"future-read\",\"room\":\"" + room + "\",\"seq\":" + (seq + 1) + "}",
                    "{\"type\":\"ack\",\"id\":\"unsubscribed\",\"room\":\"" + elsewhere + "\",\"seq\":" + seq + "}");
            for (String frame : refused) {
                client.send(frame);
                String ref = Json.createReader(new StringReader(frame)).readObject().getString("id");
                JsonObject reply = client.nextMatching(f -> ref.equals(f.getString("ref", null)));
                assertEquals("error", reply.getString("type"), reply.toString());
                assertEquals("not-delivered", reply.getString("code"), reply.toString());
            }
            assertEquals(List.of(), topic.await(ofSession(session), 1, SETTLE), "a refused ack publishes nothing");
        }
    }

    /** The receipts of one session: their data names it. */
    private static Predicate<JsonObject> ofSession(String session) {
        return receipt -> session.equals(receipt.getJsonObject("data").getString("session", null));
    }
}
