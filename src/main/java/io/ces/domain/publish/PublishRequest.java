package io.ces.domain.publish;

import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.ces.domain.room.RoomId;

/**
 * What a client asks to publish to a room: the event {@code type}, its {@code data} (any JSON value, or none) and,
 * optionally, its own {@code id}, so that a retried request is the same event and delivered once.
 *
 * @param id the client's event id, or null for a generated one
 * @param data the event data, or null when the request has none
 */
public record PublishRequest(String room, String type, String id, JsonValue data) {

    public static final int MAX_TYPE_LENGTH = 256;
    public static final int MAX_ID_LENGTH = 256;
    private static final Set<String> MEMBERS = Set.of("type", "data", "id");

    public PublishRequest {
        if (!RoomId.isValid(room)) {
            throw new IllegalArgumentException("invalid room id " + RoomId.describe(room) + ": 1 to "
                    + RoomId.MAX_LENGTH + " characters from A-Z a-z 0-9 _ - . : @ /");
        }
        requireText("type", type, MAX_TYPE_LENGTH);
        if (id != null) {
            requireText("id", id, MAX_ID_LENGTH);
        }
    }

    /** The request of a body such as {@code {"type":"chat.message","data":{"text":"hi"}}}; a mistake names its member. */
    public static PublishRequest of(String room, JsonObject body) {
        for (String member : body.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw new IllegalArgumentException("unknown member \"" + member + "\"; allowed: type, data, id");
            }
        }
        JsonValue data = body.get("data");
        return new PublishRequest(room, string(body, "type"), string(body, "id"),
                data == null || data == JsonValue.NULL ? null : data);
    }

    private static String string(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }

    private static void requireText(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\" is required: a non-blank string");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("\"" + name + "\" must have at most " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("\"" + name + "\" must not contain control characters");
            }
        }
    }
}
