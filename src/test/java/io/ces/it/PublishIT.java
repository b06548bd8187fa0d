package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * POST /api/rooms/{room}/events against the real replicas and broker: an accepted event is in Kafka at the position
 * the answer gives and reaches a subscriber on the other replica; a room not granted, a bad body, a too large body
 * and a flooding user are refused with problem+json. The test replicas allow 20 publishes per user (pom.xml).
 */
class PublishIT {

    private static final int PUBLISH_CAPACITY = 20;

    private static HttpResponse<String> publish(String token, String room, String body) {
        return Gateway.send(Gateway.request("/api/rooms/" + room + "/events")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("https://ces.io/problems/" + type, json(answer.body()).getString("type"), answer.body());
    }

    @Test
    void anAcceptedEventIsDeliveredToSubscribersAtThePositionTheAnswerGives() {
        String room = Rooms.unique("cr_pub");
        String user = Rooms.unique("pub");
        try (WsClient subscriber = WsClient.connect(Gateway.WS_B, TestTokens.user("reader", room))) {
            assertEquals("subscribed", subscriber.subscribe(room).getString("type"));

            HttpResponse<String> answer = publish(TestTokens.user(user, room), room,
                    "{\"type\":\"chat.message\",\"data\":{\"text\":\"hello\"}}");
            assertEquals(202, answer.statusCode(), answer.body());
            assertNotNull(answer.headers().firstValue("RateLimit-Remaining").orElse(null));
            JsonObject receipt = json(answer.body());
            assertEquals(room, receipt.getString("room"));
            assertEquals("ces.events", receipt.getString("topic"));

            JsonObject message = subscriber.nextMatching(frame -> "message".equals(frame.getString("type")));
            assertEquals(room, message.getString("room"));
            assertEquals(receipt.getJsonNumber("offset").longValue(), message.getJsonNumber("seq").longValue());
            JsonObject event = message.getJsonObject("event");
            assertEquals(receipt.getString("id"), event.getString("id"));
            assertEquals("1.0", event.getString("specversion"));
            assertEquals("/ces/rest/" + user, event.getString("source"));
            assertEquals("chat.message", event.getString("type"));
            assertEquals(room, event.getString("room"));
            assertNotNull(event.getString("time"));
            assertEquals("hello", event.getJsonObject("data").getString("text"));
        }
    }

    @Test
    void aRoomTheTokenDoesNotGrantIsRefusedWith403() {
        HttpResponse<String> answer = publish(TestTokens.user(Rooms.unique("pub"), "cr_mine"), "dm_other",
                "{\"type\":\"chat.message\"}");
        assertProblem(answer, 403, "forbidden");
        assertTrue(json(answer.body()).getString("detail").contains("dm_other"));
    }

    @Test
    void badBodiesAreRefusedWith400AndTooLargeOnesWith413() {
        String room = Rooms.unique("cr_pub");
        String token = TestTokens.user(Rooms.unique("pub"), room);
        assertProblem(publish(token, room, "{\"type\":"), 400, "invalid-request");
        assertProblem(publish(token, room, ""), 400, "invalid-request");
        HttpResponse<String> noType = publish(token, room, "{\"data\":{}}");
        assertProblem(noType, 400, "invalid-request");
        assertTrue(json(noType.body()).getString("detail").contains("\"type\""), noType.body());
        assertProblem(publish(token, room, "{\"type\":\"t\",\"extra\":1}"), 400, "invalid-request");
        String large = "{\"type\":\"t\",\"data\":\"" + "x".repeat(70_000) + "\"}";
        assertProblem(publish(token, room, large), 413, "too-large");
        assertEquals(401, publish("not-a-token", room, "{\"type\":\"t\"}").statusCode());
    }

    @Test
    void aUserPublishingPastTheLimitIsRefusedWith429AcrossReplicas() {
        String room = Rooms.unique("cr_pub");
        String token = TestTokens.user(Rooms.unique("flood"), room);
        HttpResponse<String> last = null;
        int accepted = 0;
        for (int i = 0; i < PUBLISH_CAPACITY + 5; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                    + (i % 2 == 0 ? Gateway.HTTP_PORT : Gateway.HTTP_PORT_B) + "/api/rooms/" + room + "/events"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"t\",\"data\":" + i + "}"));
            last = Gateway.send(request);
            if (last.statusCode() != 202) {
                break;
            }
            accepted++;
        }
        // One token comes back every 30 s (20 per 600 s), so a slow run may get one more.
        assertTrue(accepted == PUBLISH_CAPACITY || accepted == PUBLISH_CAPACITY + 1,
                "the budget is the user's, shared by both replicas; accepted " + accepted);
        assertProblem(last, 429, "rate-limited");
        assertEquals(Integer.toString(PUBLISH_CAPACITY), last.headers().firstValue("RateLimit-Limit").orElse(null));
        assertEquals("0", last.headers().firstValue("RateLimit-Remaining").orElse(null));
        assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        // Another user is not held back by this one.
        assertEquals(202, publish(TestTokens.user(Rooms.unique("calm"), room), room, "{\"type\":\"t\"}").statusCode());
    }
}
