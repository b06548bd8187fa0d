package io.ces.domain.presence;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.json.StrictJsonReader;

/**
 * Presence signals as CloudEvents 1.0 in structured mode, the form they take on the presence topic:
 * {@code {"specversion":"1.0","id":...,"source":"/ces/<replica>","type":"ces.presence.joined","room":...,
 * "time":...,"datacontenttype":"application/json","data":{"user":...,"room":...,"at":...}}}. The session that caused
 * a typing signal travels in {@code data.session}, so that it is not echoed to that session.
 */
public final class PresenceCloudEvents {

    private final JsonProvider json;
    private final StrictJsonReader reader;
    private final String source;

    /** @param replica this replica's id; the events' source is {@code /ces/<replica>} */
    public PresenceCloudEvents(JsonProvider json, String replica) {
        this.json = json;
        this.reader = new StrictJsonReader(json);
        this.source = "/ces/" + replica;
    }

    public String encode(PresenceSignal signal) {
        var data = json.createObjectBuilder().add("user", signal.user()).add("room", signal.room())
                .add("at", signal.at().toString());
        if (signal.kind() == PresenceSignal.Kind.TYPING && signal.session() != null) {
            data.add("session", signal.session());
        }
        return json.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", UUID.randomUUID().toString())
                .add("source", source)
                .add("type", signal.kind().eventType())
                .add("room", signal.room())
                .add("time", signal.at().toString())
                .add("datacontenttype", "application/json")
                .add("data", data)
                .build().toString();
    }

    /** The signal of a record of the presence topic; empty when it is not one (another producer's, or broken). */
    public Optional<PresenceSignal> decode(String text) {
        try {
            JsonObject event = reader.readObject(text);
            PresenceSignal.Kind kind = PresenceSignal.Kind.ofEventType(string(event, "type"));
            if (kind == null || !(event.get("data") instanceof JsonObject data)) {
                return Optional.empty();
            }
            String room = string(data, "room");
            String user = string(data, "user");
            String at = string(data, "at");
            if (room == null || user == null || at == null) {
                return Optional.empty();
            }
            return Optional.of(new PresenceSignal(kind, room, user, string(data, "session"), Instant.parse(at)));
        } catch (StrictJsonReader.InvalidJsonException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }
}
