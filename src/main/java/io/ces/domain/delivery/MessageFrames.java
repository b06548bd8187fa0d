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

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\",";

    /**
     * The frame of a conflated delivery: {@code frame} (a message frame built here) with {@code "conflated":n}, the
     * number of earlier events of the same key it replaced, which the client therefore never receives. Built only
     * for a client that fell behind, so the shared frame of everyone else is not touched.
     */
    public static String withConflated(String frame, int replaced) {
        if (!frame.startsWith(MESSAGE_PREFIX)) {
            throw new IllegalArgumentException("not a message frame");
        }
        return new StringBuilder(frame.length() + 24)
                .append(MESSAGE_PREFIX).append("\"conflated\":").append(replaced).append(',')
                .append(frame, MESSAGE_PREFIX.length(), frame.length())
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
