package io.ces.domain.delivery;

import io.ces.domain.event.Target;

/**
 * Encodes the one {@code message} frame of an event, once per event whatever the number of recipients.
 *
 * <p>The event JSON was validated as one JSON object when it was decoded and a room id contains only characters
 * that need no escaping ({@link io.ces.domain.room.RoomId}), so the frame is assembled by concatenation instead of
 * re-serializing the event.
 */
public final class MessageFrames {

    private MessageFrames() {
    }

    public static String forRoom(String room, long seq, String eventJson) {
        return new StringBuilder(eventJson.length() + room.length() + 64)
                .append("{\"type\":\"message\",\"room\":\"").append(room)
                .append("\",\"seq\":").append(seq)
                .append(",\"event\":").append(eventJson).append('}')
                .toString();
    }

    public static String forTarget(Target.Kind kind, long seq, String eventJson) {
        return new StringBuilder(eventJson.length() + 64)
                .append("{\"type\":\"message\",\"target\":\"").append(targetName(kind))
                .append("\",\"seq\":").append(seq)
                .append(",\"event\":").append(eventJson).append('}')
                .toString();
    }

    /** How a target kind is named in frames: {@code session} or {@code user}. */
    public static String targetName(Target.Kind kind) {
        return kind == Target.Kind.SESSION ? "session" : "user";
    }

    /**
     * The frame of a room event delivered again to a session that received it before without acknowledging it
     * (at-least-once rooms, on resume): marked {@code "redelivered":true}, so the client can tell it from a new one.
     */
    public static String forRoomRedelivered(String room, long seq, String eventJson) {
        return new StringBuilder(eventJson.length() + room.length() + 84)
                .append("{\"type\":\"message\",\"room\":\"").append(room)
                .append("\",\"seq\":").append(seq)
                .append(",\"redelivered\":true,\"event\":").append(eventJson).append('}')
                .toString();
    }
}
