package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/**
 * Records that are not deliverable events go to the dead-letter topic, once, with their original bytes and the
 * reason, are counted, and never stop the delivery of the next one.
 */
class MalformedRecordsIT {

    @Test
    void everyKindOfBadRecordIsDeadLetteredOnceAndTheNextGoodOneDelivered() {
        String room = Rooms.unique("cr");
        double rejectedBefore = rejectedTotal();
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("carol", "cr_*"))) {
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            List<byte[]> poison = List.of(
                    "this is not json".getBytes(StandardCharsets.UTF_8),
                    "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                    "{\"unterminated\":".getBytes(StandardCharsets.UTF_8),
                    (Events.roomEvent("x1", room, "{}") + " trailing").getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'},
                    new byte[0],
                    "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
                    Events.roomEvent("x2", room, "{}").replace("\"1.0\"", "\"0.3\"").getBytes(StandardCharsets.UTF_8),
                    Events.roomEvent("", room, "{}").getBytes(StandardCharsets.UTF_8),
                    "{\"specversion\":\"1.0\",\"id\":\"x3\",\"source\":\"/it\",\"type\":\"t\",\"data\":{}}".getBytes(StandardCharsets.UTF_8),
                    "{\"specversion\":\"1.0\",\"id\":\"x4\",\"source\":\"/it\",\"type\":\"t\",\"room\":\"bad room\"}".getBytes(StandardCharsets.UTF_8),
                    ("{\"specversion\":\"1.0\",\"id\":\"x5\",\"source\":\"/it\",\"type\":\"t\",\"room\":\"" + room
                            + "\",\"userid\":\"u\"}").getBytes(StandardCharsets.UTF_8));
            for (byte[] value : poison) {
                events.send(new ProducerRecord<>(Events.TOPIC, room, value));
            }
            events.send(new ProducerRecord<>(Events.TOPIC, room, null));
            ProducerRecord<String, byte[]> badBinary = new ProducerRecord<>(Events.TOPIC, room, "{not json".getBytes(StandardCharsets.UTF_8));
            binaryHeaders(badBinary, "x6", room);
            events.send(badBinary);

            String good = Events.nextId("good");
            events.send(room, Events.roomEvent(good, room, "{\"ok\":true}"));
            ProducerRecord<String, byte[]> binary = new ProducerRecord<>(Events.TOPIC, room,
                    "{\"text\":\"binary mode\"}".getBytes(StandardCharsets.UTF_8));
            String binaryId = Events.nextId("binary");
            binaryHeaders(binary, binaryId, room);
            events.send(binary);

            List<JsonObject> messages = client.messages(2, Duration.ofSeconds(30));
            assertEquals(good, messages.get(0).getJsonObject("event").getString("id"));
            JsonObject binaryEvent = messages.get(1).getJsonObject("event");
            assertEquals(binaryId, binaryEvent.getString("id"));
            assertEquals("binary mode", binaryEvent.getJsonObject("data").getString("text"));
            assertEquals("application/json", binaryEvent.getString("datacontenttype"));
            assertTrue(client.drain(Duration.ofSeconds(1)).isEmpty(), "no poison record was delivered");

            List<ConsumerRecord<String, byte[]>> deadLetters = DeadLetters.await(r -> room.equals(r.key()), 14,
                    Duration.ofSeconds(30));
            List<String> reasons = deadLetters.stream().map(r -> DeadLetters.header(r, "ces-dlq-reason")).toList();
            assertEquals(List.of("malformed", "malformed", "malformed", "malformed", "malformed", "malformed",
                    "invalid-cloudevent", "invalid-cloudevent", "invalid-cloudevent", "no-target", "invalid-target",
                    "invalid-target", "malformed", "malformed"), reasons, "one dead letter per record, across replicas");
            for (int i = 0; i < poison.size(); i++) {
                assertArrayEquals(poison.get(i), deadLetters.get(i).value(), "original bytes unchanged");
            }
            assertNull(deadLetters.get(12).value(), "a null value stays null");
            ConsumerRecord<String, byte[]> binaryLetter = deadLetters.get(13);
            assertEquals("x6", DeadLetters.header(binaryLetter, "ce_id"), "original headers kept");
            for (ConsumerRecord<String, byte[]> letter : deadLetters) {
                assertEquals(Events.TOPIC, DeadLetters.header(letter, "ces-dlq-topic"));
                Long.parseLong(DeadLetters.header(letter, "ces-dlq-partition"));
                Long.parseLong(DeadLetters.header(letter, "ces-dlq-offset"));
                Long.parseLong(DeadLetters.header(letter, "ces-dlq-timestamp"));
                assertEquals("0", DeadLetters.header(letter, "ces-dlq-retries"));
                Instant.parse(DeadLetters.header(letter, "ces-dlq-first-failure"));
                Instant.parse(DeadLetters.header(letter, "ces-dlq-last-failure"));
                assertTrue(List.of("replica-a", "replica-b").contains(DeadLetters.header(letter, "ces-dlq-replica")));
                assertFalse(DeadLetters.header(letter, "ces-dlq-detail").isBlank());
            }
        }
        assertTrue(rejectedTotal() >= rejectedBefore + 14, "every rejected record is counted");
    }

    private static void binaryHeaders(ProducerRecord<String, byte[]> record, String id, String room) {
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/it".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "chat.message".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_room", room.getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    }

    /** Sum of ces_events_rejected_total over all reasons, from the Prometheus endpoint. */
    static double rejectedTotal() {
        String metrics = Gateway.send(Gateway.request("/metrics?scope=application").GET()).body();
        Matcher m = Pattern.compile("(?m)^ces_events_rejected_total\\{[^}]*\\}\\s+([0-9.eE+-]+)").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
