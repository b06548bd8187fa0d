package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The trace context a producer writes into a record's headers reaches CES's routing span and CES's log lines. The
 * test replicas run with OpenTelemetry enabled and the logging exporter (src/test/liberty/*.env), which writes each
 * finished span as a line of the JSON messages.log:
 * {@code 'ces.route ces.events' : <trace id> <span id> CONSUMER [tracer: ...] AttributesMap{...}}.
 */
class TracingIT {

    private static final Path MESSAGES_LOG = Path.of(System.getProperty("ces.liberty.dir", "target/liberty/wlp"),
            "usr/servers/ces-a/logs/messages.log");

    @Test
    void theRoutingSpanContinuesTheProducersTrace() {
        String room = Rooms.unique("cr");
        String traceId = randomHex(16);
        String parentSpanId = randomHex(8);
        String eventId = Events.nextId("traced");
        String unsampledTraceId = randomHex(16);
        String unsampledId = Events.nextId("unsampled");
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("tracy", "cr_*"))) {
            assertEquals("subscribed", client.subscribe(room).getString("type"));
            events.send(traced(room, Events.roomEvent(eventId, room, "{\"n\":1}"), traceId, parentSpanId, "01"));
            // the producer decided not to sample this one: a span that follows its parent is not recorded either
            events.send(traced(room, Events.roomEvent(unsampledId, room, "{\"n\":2}"), unsampledTraceId,
                    randomHex(8), "00"));
            List<JsonObject> messages = client.messages(2, Duration.ofSeconds(30));
            assertEquals(eventId, messages.get(0).getJsonObject("event").getString("id"));
            assertEquals(unsampledId, messages.get(1).getJsonObject("event").getString("id"));
        }

        JsonObject spanLine = awaitLine(line -> line.getString("message", "").startsWith("'ces.route ces.events' : "
                + traceId + " "), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError(
                        "no ces.route span of trace " + traceId + " in " + MESSAGES_LOG));
        String span = spanLine.getString("message");
        String[] words = span.split(" ");
        String spanId = words[4];
        assertEquals(16, spanId.length(), span);
        assertNotEquals(parentSpanId, spanId, "CES's span is a new span in the producer's trace");
        assertEquals("CONSUMER", words[5], span);
        for (String attribute : List.of("messaging.system=kafka", "messaging.destination.name=ces.events",
                "messaging.operation=process", "messaging.message.id=" + eventId, "ces.target.kind=room",
                "ces.recipients=1", "messaging.kafka.message.offset=", "messaging.destination.partition.id=")) {
            assertTrue(span.contains(attribute), attribute + " in " + span);
        }
        // The trace id came from the header, and the sampling decision too: the span's parent is the header's span.
        assertFalse(lines().stream().anyMatch(line -> line.getString("message", "").contains(unsampledTraceId)),
                "a record whose traceparent says 'not sampled' gets no recorded span");
    }

    @Test
    void aLogLineAboutAnEventCarriesItsIdAndTraceIdAsFields() {
        String room = Rooms.unique("cr");
        String traceId = randomHex(16);
        String poisonId = Rooms.unique("poison"); // unique across builds: the test broker's data may outlive one
        String invalidTarget = "{\"specversion\":\"1.0\",\"id\":\"" + poisonId + "\",\"source\":\"/it\",\"type\":\"t\","
                + "\"room\":\"" + room + "\",\"userid\":\"someone\"}";
        try (Events events = new Events()) {
            events.send(traced(room, invalidTarget, traceId, randomHex(8), "01"));
        }
        JsonObject line = awaitLine(l -> poisonId.equals(l.getString("ext_eventId", null))
                && l.getString("message", "").startsWith("CES0101W"), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no CES0101W line with ext_eventId " + poisonId));
        assertEquals(traceId, line.getString("ext_traceId", null), line.toString());
        assertEquals(16, line.getString("ext_spanId", "").length(), line.toString());
        assertTrue(line.getString("ext_record", "").startsWith(Events.TOPIC + "/"), line.toString());
        assertEquals("WARNING", line.getString("loglevel", null), line.toString());
        assertEquals("liberty_message", line.getString("type", null), line.toString());
        assertFalse(line.toString().contains("someone"), "a user id is never logged: " + line);

        JsonObject rejectedSpan = awaitLine(l -> l.getString("message", "").startsWith("'ces.route ces.events' : "
                + traceId + " "), Duration.ofSeconds(20)).orElseThrow();
        assertTrue(rejectedSpan.getString("message").contains("ces.rejection.reason=invalid-target"),
                rejectedSpan.toString());
        assertEquals(line.getString("ext_spanId"), rejectedSpan.getString("message").split(" ")[4],
                "the log line names the routing span");
    }

    private static ProducerRecord<String, byte[]> traced(String room, String value, String traceId, String spanId,
            String flags) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Events.TOPIC, room,
                value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", ("00-" + traceId + "-" + spanId + "-" + flags)
                .getBytes(StandardCharsets.UTF_8));
        record.headers().add("tracestate", "it=1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static Optional<JsonObject> awaitLine(Predicate<JsonObject> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JsonObject> found = lines().stream().filter(wanted).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The JSON records of replica A's messages.log. */
    private static List<JsonObject> lines() {
        List<JsonObject> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(MESSAGES_LOG, StandardCharsets.UTF_8)) {
                if (line.startsWith("{")) {
                    try (JsonReader reader = Json.createReader(new StringReader(line))) {
                        records.add(reader.readObject());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C trace context calls invalid
        return HexFormat.of().formatHex(random);
    }
}
