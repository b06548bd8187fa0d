package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Presence across the two replicas: a user's sessions are one member (one joined event for the first, one left
 * event for the last, on ces.presence), the REST view lists members of small rooms and counts large ones, followers
 * get presence frames, and typing reaches the room's other members on the other replica without being stored.
 */
class PresenceIT {

    private static final String TOPIC = "ces.presence";
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private static String room(String name) {
        return "pr_" + name + "_" + System.nanoTime();
    }

    private static String token(String user) {
        return TestTokens.user(user, "pr_*");
    }

    @Test
    void twoSessionsOfOneUserJoinOnceAndLeaveOnlyWhenBothAreGone() {
        String room = room("dedupe");
        String user = "dedupe-" + System.nanoTime();
        try (TopicTail topic = new TopicTail(TOPIC, SETTLE)) {
            WsClient onA = WsClient.connect(Gateway.WS, token(user));
            WsClient onB = WsClient.connect(Gateway.WS_B, token(user));
            assertEquals("subscribed", onA.subscribe(room).getString("type"));
            assertEquals("subscribed", onB.subscribe(room).getString("type"));

            List<JsonObject> joined = topic.await(event("ces.presence.joined", room, user), 1, Duration.ofSeconds(15));
            assertEquals(1, joined.size(), "one joined event for two sessions of one user: " + joined);
            JsonObject event = joined.get(0);
            assertEquals("1.0", event.getString("specversion"));
            assertTrue(event.getString("source").startsWith("/ces/replica-"), event.toString());
            assertEquals(room, event.getString("room"));
            assertEquals(user, event.getJsonObject("data").getString("user"));
            assertEquals(room, event.getJsonObject("data").getString("room"));
            assertFalse(event.getJsonObject("data").getString("at").isEmpty());

            onA.close();
            assertEquals(List.of(), topic.await(event("ces.presence.left", room, user), 1, SETTLE),
                    "the user is still in the room through the session on the other replica");
            onB.close();
            List<JsonObject> left = topic.await(event("ces.presence.left", room, user), 1, Duration.ofSeconds(15));
            assertEquals(1, left.size(), "one left event once the last session is gone: " + left);
        }
    }

    @Test
    void theRestViewListsMembersOfASmallRoomAndCountsALargeOne() {
        String room = room("view");
        String suffix = "-" + System.nanoTime();
        // the test replicas list at most two members (pom.xml liberty.var.ces.presence.max-listed-members)
        try (WsClient alice = WsClient.connect(Gateway.WS, token("alice" + suffix));
                WsClient aliceAgain = WsClient.connect(Gateway.WS_B, token("alice" + suffix));
                WsClient bob = WsClient.connect(Gateway.WS_B, token("bob" + suffix))) {
            alice.subscribe(room);
            aliceAgain.subscribe(room);
            bob.subscribe(room);
            JsonObject small = presence(room, "carol" + suffix);
            assertEquals(room, small.getString("room"));
            assertEquals(2, small.getInt("count"));
            assertEquals(List.of("alice" + suffix, "bob" + suffix),
                    small.getJsonArray("members").getValuesAs(jakarta.json.JsonString::getString));

            try (WsClient carol = WsClient.connect(Gateway.WS, token("carol" + suffix))) {
                carol.subscribe(room);
                JsonObject large = presence(room, "carol" + suffix);
                assertEquals(3, large.getInt("count"));
                assertFalse(large.containsKey("members"), "only a count above the threshold: " + large);
            }
        }
        HttpResponse<String> forbidden = Gateway.send(Gateway.request("/api/rooms/" + room + "/presence")
                .header("Authorization", "Bearer " + TestTokens.user("dave", "other_*")));
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> invalid = Gateway.send(Gateway.request("/api/rooms/bad%20room/presence")
                .header("Authorization", "Bearer " + TestTokens.admin("admin")));
        assertEquals(400, invalid.statusCode());
    }

    @Test
    void aFollowerGetsTheMembersAndThenEveryJoinAndLeave() {
        String room = room("follow");
        String user = "joiner-" + System.nanoTime();
        try (WsClient follower = WsClient.connect(Gateway.WS_B, token("watcher"))) {
            follower.send("{\"type\":\"presence\",\"id\":\"p1\",\"room\":\"" + room + "\"}");
            JsonObject snapshot = follower.nextMatching(f -> "p1".equals(f.getString("ref", null)));
            assertEquals("presence", snapshot.getString("type"));
            assertEquals(0, snapshot.getInt("count"));
            assertEquals(0, snapshot.getJsonArray("members").size());

            WsClient joiner = WsClient.connect(Gateway.WS, token(user));
            joiner.subscribe(room);
            JsonObject joined = follower.nextMatching(f -> "presence".equals(f.getString("type"))
                    && user.equals(f.getString("joined", null)));
            assertEquals(room, joined.getString("room"));
            joiner.close();
            JsonObject left = follower.nextMatching(f -> "presence".equals(f.getString("type"))
                    && user.equals(f.getString("left", null)));
            assertEquals(room, left.getString("room"));

            follower.send("{\"type\":\"presence\",\"id\":\"p2\",\"room\":\"secret_1\"}");
            JsonObject refused = follower.nextMatching(f -> "p2".equals(f.getString("ref", null)));
            assertEquals("forbidden", refused.getString("code"));
        }
    }

    @Test
    void typingReachesTheOtherMembersOnTheOtherReplicaAndIsNotReplayedOnResume() {
        String room = room("typing");
        String typist = "typist-" + System.nanoTime();
        String reader = "reader-" + System.nanoTime();
        try (WsClient writing = WsClient.connect(Gateway.WS, token(typist))) {
            WsClient reading = WsClient.connect(Gateway.WS_B, token(reader));
            writing.subscribe(room);
            reading.subscribe(room);
            String session = reading.sessionId();
            String resumeToken = reading.welcome().getString("resumeToken");

            writing.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
            JsonObject typing = reading.nextMatching(f -> "typing".equals(f.getString("type")));
            assertEquals(room, typing.getString("room"));
            assertEquals(typist, typing.getString("user"));
            assertFalse(typing.containsKey("session"), "session ids are not shown to other users");
            assertTrue(writing.drain(SETTLE).stream().noneMatch(f -> "typing".equals(f.getString("type"))),
                    "the typist does not get its own typing back");

            // the typing budget (3 at once) refuses a burst with an error frame, relaying nothing late
            for (int i = 0; i < 5; i++) {
                writing.send("{\"type\":\"typing\",\"id\":\"t" + i + "\",\"room\":\"" + room + "\"}");
            }
            assertTrue(writing.drain(SETTLE).stream().anyMatch(f -> "error".equals(f.getString("type"))
                    && "rate-limited".equals(f.getString("code", null))));
            writing.send("{\"type\":\"typing\",\"id\":\"x\",\"room\":\"pr_elsewhere\"}");
            assertEquals("not-subscribed",
                    writing.nextMatching(f -> "x".equals(f.getString("ref", null))).getString("code"));

            reading.close();
            try (WsClient resumed = WsClient.connect(Gateway.WS, token(reader))) {
                resumed.send(ReceivedLog.resumeFrame(session, resumeToken, java.util.Map.of(room, -1L)));
                List<JsonObject> frames = resumed.drain(Duration.ofSeconds(3));
                assertTrue(frames.stream().anyMatch(f -> "resumed".equals(f.getString("type"))), frames.toString());
                assertTrue(frames.stream().noneMatch(f -> "typing".equals(f.getString("type"))),
                        "typing is not stored, so a resume replays none: " + frames);
                assertTrue(frames.stream().noneMatch(f -> "message".equals(f.getString("type"))), frames.toString());
            }
        }
    }

    private static JsonObject presence(String room, String user) {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/rooms/" + room + "/presence")
                .header("Authorization", "Bearer " + token(user)));
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static Predicate<JsonObject> event(String type, String room, String user) {
        return e -> type.equals(e.getString("type", null)) && room.equals(e.getString("room", null))
                && e.containsKey("data") && user.equals(e.getJsonObject("data").getString("user", null));
    }
}
