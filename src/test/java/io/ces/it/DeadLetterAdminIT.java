package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Schema validation and the operators' side of the dead-letter topic: an event whose data breaks its schema is
 * dead-lettered with the validation errors; a replay before the fix fails again (and is marked, so it cannot loop),
 * a replay after the schema is fixed is delivered once.
 */
class DeadLetterAdminIT {

    private static final Path SCHEMAS = Path.of(System.getProperty("ces.schemas.dir", "target/it-schemas"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aSchemaInvalidEventIsDeadLetteredAndDeliveredOnceReplayedAfterTheSchemaIsFixed() throws Exception {
        String room = Rooms.unique("cr");
        String admin = TestTokens.admin(Rooms.unique("operator"));
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("dora", "cr_*"))) {
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            String tooLong = Events.nextId("long");
            events.send(room, note(tooLong, room, "far too long"));
            String fits = Events.nextId("short");
            events.send(room, note(fits, room, "ok"));
            assertEquals(fits, client.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));

            ConsumerRecord<String, byte[]> letter = DeadLetters.await(r -> room.equals(r.key()), 1, WAIT).get(0);
            assertEquals("schema-invalid", DeadLetters.header(letter, "ces-dlq-reason"));
            assertTrue(DeadLetters.header(letter, "ces-dlq-detail").contains("/text"),
                    DeadLetters.header(letter, "ces-dlq-detail"));

            JsonArray listed = list(admin, "?reason=schema-invalid&room=" + room).getJsonArray("items");
            assertEquals(1, listed.size(), listed.toString());
            String id = listed.getJsonObject(0).getString("id");
            assertEquals(room, listed.getJsonObject(0).getString("room"));
            JsonObject detail = json(admin(admin, "/" + id, "GET"));
            assertTrue(detail.getString("value").contains(tooLong), detail.toString());
            assertEquals("pending", detail.getString("status"));
            assertEquals(403, admin(TestTokens.user("dora", "cr_*"), "", "GET").statusCode(), "operators only");

            // replayed before the fix: dead-lettered again, marked as a replay
            assertEquals(202, admin(admin, "/" + id + "/replay", "POST").statusCode());
            assertEquals(409, admin(admin, "/" + id + "/replay", "POST").statusCode(), "a dead letter replays once");
            List<ConsumerRecord<String, byte[]>> again = DeadLetters.await(r -> room.equals(r.key()), 2, WAIT);
            assertEquals(2, again.size());
            assertEquals("1", DeadLetters.header(again.get(1), "ces-replay-count"));
            String secondId = list(admin, "?reason=schema-invalid&room=" + room).getJsonArray("items").getJsonObject(0)
                    .getString("id");

            widenTheSchema();
            Thread.sleep(2500); // both replicas reread the folder every second
            assertEquals(202, admin(admin, "/" + secondId + "/replay", "POST").statusCode());
            JsonObject delivered = client.messages(1, WAIT).get(0).getJsonObject("event");
            assertEquals(tooLong, delivered.getString("id"));
            assertTrue(client.drain(Duration.ofSeconds(2)).isEmpty(), "delivered once");
            assertEquals(0, list(admin, "?room=" + room).getJsonArray("items").size(), "nothing pending for the room");
            assertEquals(2, list(admin, "?status=all&room=" + room).getJsonArray("items").size());
        }
    }

    @Test
    void badFiltersAndUnknownIdsAreAnsweredWithProblems() {
        String admin = TestTokens.admin(Rooms.unique("operator"));
        HttpResponse<String> badTime = admin(admin, "?from=yesterday", "GET");
        assertEquals(400, badTime.statusCode());
        assertEquals("application/problem+json", badTime.headers().firstValue("Content-Type").orElse(""));
        assertEquals(400, admin(admin, "?limit=0", "GET").statusCode());
        assertEquals(404, admin(admin, "/0-999999999", "GET").statusCode());
        assertEquals(404, admin(admin, "/nonsense/replay", "POST").statusCode());
        assertEquals(400, Gateway.send(Gateway.request("/api/admin/dead-letters/purge")
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
    }

    private static String note(String id, String room, String text) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/it\",\"type\":\"it.note\",\"room\":\""
                + room + "\",\"dataschema\":\"https://schemas.ces.example/it.note/v1\",\"data\":{\"text\":\"" + text
                + "\"}}";
    }

    private static void widenTheSchema() throws Exception {
        Path schema = SCHEMAS.resolve("it.note.v1.json");
        Files.writeString(schema, Files.readString(schema).replace("\"maxLength\": 5", "\"maxLength\": 500"));
    }

    private static JsonObject list(String token, String query) {
        HttpResponse<String> answer = admin(token, query, "GET");
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    private static JsonObject json(HttpResponse<String> answer) {
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> admin(String token, String path, String method) {
        return Gateway.send(Gateway.request("/api/admin/dead-letters" + path).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
