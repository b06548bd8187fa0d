package io.ces.domain.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.CloudEventDecoder;
import io.ces.domain.event.EventHeaders;
import io.ces.domain.event.Target;

class OutgoingEventTest {

    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678901Z");

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void buildsAStructuredCloudEventWithTheRoomAndTheCallerAsSource() {
        PublishRequest request = new PublishRequest("cr_1", "chat.message", null, parse("{\"text\":\"hi\"}"));
        OutgoingEvent event = OutgoingEvent.build(request, "/ces/rest", "alice", TIME, () -> "generated-1");

        assertEquals("generated-1", event.id());
        assertEquals("cr_1", event.room());
        assertEquals(parse("{\"specversion\":\"1.0\",\"id\":\"generated-1\",\"source\":\"/ces/rest/alice\","
                + "\"type\":\"chat.message\",\"room\":\"cr_1\",\"time\":\"2026-01-02T03:04:05.678Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"text\":\"hi\"}}"), parse(event.json()));
    }

    @Test
    void keepsTheClientsIdAndLeavesDataOutWhenThereIsNone() {
        PublishRequest request = new PublishRequest("cr_1", "typing", "e-1", null);
        JsonObject event = parse(OutgoingEvent.build(request, "/ces/rest/", "bob", TIME, () -> "unused").json());
        assertEquals("e-1", event.getString("id"));
        assertEquals("/ces/rest/bob", event.getString("source"));
        assertFalse(event.containsKey("data"));
        assertFalse(event.containsKey("datacontenttype"));
    }

    @Test
    void percentEncodesTheUserSoTheSourceStaysOneUriReference() {
        assertEquals("/ces/rest/a%20b%2Fc", OutgoingEvent.source("/ces/rest", "a b/c"));
        assertEquals("https://chat.example/ces/x%40y", OutgoingEvent.source("https://chat.example/ces", "x@y"));
    }

    @Test
    void isAnEventCesItselfAcceptsAndRoutesToTheRoom() throws Exception {
        PublishRequest request = new PublishRequest("cr_9", "chat.message", null, parse("{\"text\":\"hi\"}"));
        OutgoingEvent event = OutgoingEvent.build(request, "/ces/rest", "alice", TIME, () -> "id-9");
        EventHeaders noHeaders = new EventHeaders() {
            @Override
            public String get(String name) {
                return null;
            }

            @Override
            public void forEach(BiConsumer<String, String> action) {
                // structured mode: the record has no headers
            }
        };
        CloudEvent decoded = new CloudEventDecoder(JsonProvider.provider())
                .decode(event.json().getBytes(StandardCharsets.UTF_8), noHeaders);
        assertEquals("id-9", decoded.id());
        assertEquals("/ces/rest/alice", decoded.source());
        assertEquals(Target.room("cr_9"), decoded.target());
    }
}
