package io.ces.domain.room;

/**
 * The syntax of a room id: 1 to 128 characters from {@code A-Z a-z 0-9 _ - . : @ /}.
 *
 * <p>The set is closed on purpose: a valid room id needs no escaping anywhere it appears (JSON frames, log lines,
 * metric tags, Kafka keys), which keeps the per-message path free of encoding work.
 */
public final class RoomId {

    public static final int MAX_LENGTH = 128;

    private RoomId() {
    }

    public static boolean isValid(String room) {
        if (room == null || room.isEmpty() || room.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < room.length(); i++) {
            if (!isAllowed(room.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ':' || c == '@' || c == '/';
    }

    /** A short, log-safe rendering of a rejected id. */
    public static String describe(String room) {
        if (room == null) {
            return "null";
        }
        String shown = room.length() > 40 ? room.substring(0, 40) + "..." : room;
        return '"' + shown.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }
}
