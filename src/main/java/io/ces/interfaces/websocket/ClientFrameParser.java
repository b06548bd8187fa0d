package io.ces.interfaces.websocket;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.json.StrictJsonReader.InvalidJsonException;
import io.ces.domain.receipt.ReceiptKind;

/** Parses client text frames: a JSON object with a {@code type}; see docs/protocol.md. */
public final class ClientFrameParser {

    public static final String BAD_REQUEST = "bad-request";
    public static final String UNSUPPORTED = "unsupported";

    private final StrictJsonReader reader;

    public ClientFrameParser(JsonProvider json) {
        this.reader = new StrictJsonReader(json);
    }

    public ClientFrame parse(String text) throws ProtocolException {
        JsonObject frame = readObject(text);
        String id = optionalString(frame, "id", null);
        String type = optionalString(frame, "type", id);
        if (type == null) {
            throw new ProtocolException(BAD_REQUEST, "a frame needs a string \"type\"", id);
        }
        return switch (type) {
            case "subscribe" -> new ClientFrame.Subscribe(id, requiredString(frame, "room", id),
                    optionalSeq(frame, "since", id));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(id, requiredString(frame, "room", id));
            case "ping" -> new ClientFrame.Ping(id);
            case "presence" -> new ClientFrame.Presence(id, requiredString(frame, "room", id));
            case "typing" -> new ClientFrame.Typing(id, requiredString(frame, "room", id));
            case "ack" -> receipt(frame, ReceiptKind.DELIVERED, id);
            case "read" -> receipt(frame, ReceiptKind.READ, id);
            case "resume" -> new ClientFrame.Resume(id, requiredString(frame, "session", id),
                    requiredString(frame, "resumeToken", id), positions(frame, id),
                    optionalSeq(frame, "sessionSeq", id), optionalSeq(frame, "userSeq", id));
            default -> throw new ProtocolException(UNSUPPORTED, "unsupported frame type \"" + abbreviate(type) + "\"", id);
        };
    }

    private JsonObject readObject(String text) throws ProtocolException {
        try {
            return reader.readObject(text);
        } catch (InvalidJsonException e) {
            throw new ProtocolException(BAD_REQUEST, "a frame must be one JSON object: " + e.getMessage(), null);
        }
    }

    private static String optionalString(JsonObject frame, String name, String ref) throws ProtocolException {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new ProtocolException(BAD_REQUEST, "\"" + name + "\" must be a string", ref);
    }

    private static String requiredString(JsonObject frame, String name, String ref) throws ProtocolException {
        String value = optionalString(frame, name, ref);
        if (value == null) {
            throw new ProtocolException(BAD_REQUEST, "\"" + name + "\" is required", ref);
        }
        return value;
    }

    private static ClientFrame.Receipt receipt(JsonObject frame, ReceiptKind kind, String id)
            throws ProtocolException {
        String room = requiredString(frame, "room", id);
        JsonValue seq = frame.get("seq");
        if (seq == null || seq == JsonValue.NULL) {
            throw new ProtocolException(BAD_REQUEST, "\"seq\" is required", id);
        }
        long position = seq(seq, "seq", id);
        if (position < 0) {
            throw new ProtocolException(BAD_REQUEST, "\"seq\" must be the seq of a received event, from 0 up", id);
        }
        return new ClientFrame.Receipt(id, kind, room, position);
    }

    /** A position: a whole number from -1 (before the first event) up. */
    private static Long optionalSeq(JsonObject frame, String name, String ref) throws ProtocolException {
        JsonValue value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return seq(value, name, ref);
    }

    private static long seq(JsonValue value, String name, String ref) throws ProtocolException {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                long seq = number.longValueExact();
                if (seq >= -1) {
                    return seq;
                }
            } catch (ArithmeticException outOfRange) {
                // falls through to the error below
            }
        }
        throw new ProtocolException(BAD_REQUEST, "\"" + name + "\" must be a whole number from -1 up", ref);
    }

    private static Map<String, Long> positions(JsonObject frame, String ref) throws ProtocolException {
        JsonValue value = frame.get("rooms");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject rooms)) {
            throw new ProtocolException(BAD_REQUEST, "\"rooms\" must map room ids to the last seq received", ref);
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> room : rooms.entrySet()) {
            positions.put(room.getKey(), seq(room.getValue(), "rooms." + abbreviate(room.getKey()), ref));
        }
        return positions;
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'");
    }
}
