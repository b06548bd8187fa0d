package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * The at-least-once mode against the real replicas, which deliver rooms matching {@code orders-*} at least once
 * ({@code CES_DELIVERY_AT_LEAST_ONCE_ROOMS} in src/test/liberty/*.env). A client on ces-a receives five events and
 * acknowledges some, drops, and resumes on ces-b reporting that it has all five: in an at-least-once room the
 * events it did not acknowledge come again, marked redelivered, and nothing it acknowledged does; in any other room
 * nothing comes again, as before.
 */
class AtLeastOnceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);

    /** What the client on ces-a took away: its session, resume token and the seqs it received. */
    private record Dropped(String session, String resumeToken, List<Long> seqs) {

        long last() {
            return seqs.get(seqs.size() - 1);
        }
    }

    @Test
    void eventsDeliveredButNotAcknowledgedAreRedeliveredOnResumeElsewhere() {
        String room = Rooms.unique("orders-alo");
        String token = token();
        Dropped dropped = receiveFiveOnA(token, room, 2);
        List<JsonObject> replayed = resumeOnB(token, room, dropped);

        assertEquals(dropped.seqs().subList(2, 5), seqsOf(replayed), "the three unacknowledged events again: "
                + replayed);
        for (JsonObject message : replayed) {
            assertTrue(message.getBoolean("redelivered", false), "marked as redelivered: " + message);
            assertEquals(room, message.getString("room"));
        }
    }

    @Test
    void aRoomNotDeliveredAtLeastOnceGivesNothingAgain() {
        String room = Rooms.unique("plain-alo");
        String token = token();
        Dropped dropped = receiveFiveOnA(token, room, 2);
        assertEquals(List.of(), resumeOnB(token, room, dropped), "at most once: the client has them all");
    }

    @Test
    void everythingAcknowledgedGivesNothingAgain() {
        String room = Rooms.unique("orders-alo");
        String token = token();
        Dropped dropped = receiveFiveOnA(token, room, 5);
        assertEquals(List.of(), resumeOnB(token, room, dropped), "all five were acknowledged");
    }

    @Test
    void aSessionThatAcknowledgedNothingGetsEverythingSinceItsSubscriptionAgain() {
        String room = Rooms.unique("orders-alo");
        String token = token();
        Dropped dropped = receiveFiveOnA(token, room, 0);
        List<JsonObject> replayed = resumeOnB(token, room, dropped);
        assertEquals(dropped.seqs(), seqsOf(replayed), "all five since the subscription: " + replayed);
        assertTrue(replayed.stream().allMatch(m -> m.getBoolean("redelivered", false)), replayed.toString());
    }

    private static String token() {
        return TestTokens.user(Rooms.unique("alo"), "orders-*", "plain-*");
    }

    /** On ces-a: subscribes, receives five events, acknowledges the first {@code acked} of them, and drops. */
    private static Dropped receiveFiveOnA(String token, String room, int acked) {
        try (Events events = new Events(); WsClient onA = WsClient.connect(Gateway.WS, token)) {
            JsonObject welcome = onA.welcome();
            assertEquals("subscribed", onA.subscribe(room).getString("type"));
            for (int i = 0; i < 5; i++) {
                events.send(room, Events.roomEvent(Events.nextId(room), room, "{\"i\":" + i + "}"));
            }
            List<Long> seqs = seqsOf(onA.messages(5, WAIT));
            for (int i = 0; i < acked; i++) {
                String id = "ack-" + i;
                onA.send("{\"type\":\"ack\",\"id\":\"" + id + "\",\"room\":\"" + room + "\",\"seq\":" + seqs.get(i)
                        + "}");
                JsonObject reply = onA.nextMatching(f -> id.equals(f.getString("ref", null)));
                assertEquals("acked", reply.getString("type"), reply.toString());
            }
            return new Dropped(welcome.getString("session"), welcome.getString("resumeToken"), seqs);
        }
    }

    /**
     * On ces-b: resumes reporting the last of the five as the client's position, and returns the room's replayed
     * messages, after checking the recovery's announcement and that nothing else follows.
     */
    private static List<JsonObject> resumeOnB(String token, String room, Dropped dropped) {
        try (WsClient onB = WsClient.connect(Gateway.WS_B, token)) {
            onB.send(ReceivedLog.resumeFrame(dropped.session(), dropped.resumeToken(), Map.of(room, dropped.last())));
            JsonObject resumed = onB.nextMatching(f -> "resumed".equals(f.getString("type", null)));
            assertEquals(dropped.session(), resumed.getString("session"));
            JsonObject recovery = onB.nextMatching(f -> "subscribed".equals(f.getString("type", null))
                    && room.equals(f.getString("room", null)));
            assertTrue(recovery.getBoolean("recovered"), recovery.toString());
            List<JsonObject> replayed = new ArrayList<>();
            if (recovery.getInt("replayed") > 0) {
                replayed.addAll(onB.messages(recovery.getInt("replayed"), WAIT));
            }
            List<JsonObject> more = onB.drain(QUIET).stream()
                    .filter(f -> "message".equals(f.getString("type", null))).toList();
            assertEquals(List.of(), more, "nothing after the replay");
            assertFalse(replayed.stream().anyMatch(m -> !room.equals(m.getString("room", null))), replayed.toString());
            return replayed;
        }
    }

    private static List<Long> seqsOf(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("seq").longValueExact()).toList();
    }
}
