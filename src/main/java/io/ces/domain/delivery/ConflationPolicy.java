package io.ces.domain.delivery;

import java.util.List;

import io.ces.domain.room.RoomPattern;

/**
 * Which rooms are conflated: for a client that does not keep up, a new event of such a room replaces the waiting
 * frame of the same conflation key instead of queuing behind it (see {@link OutboundQueue}). Opt-in per room
 * pattern; no pattern, no conflation.
 */
public final class ConflationPolicy {

    public static final ConflationPolicy NONE = new ConflationPolicy(List.of());

    private final List<RoomPattern> rooms;

    private ConflationPolicy(List<RoomPattern> rooms) {
        this.rooms = rooms;
    }

    /** The rooms matching any of {@code patterns} (globs as {@link RoomPattern}); invalid globs are refused. */
    public static ConflationPolicy forRooms(List<String> patterns) {
        return patterns.isEmpty() ? NONE : new ConflationPolicy(patterns.stream().map(RoomPattern::of).toList());
    }

    public boolean isEnabled() {
        return !rooms.isEmpty();
    }

    public boolean conflates(String room) {
        for (RoomPattern pattern : rooms) {
            if (pattern.matches(room)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key under which an event of {@code room} replaces waiting ones, unique across rooms; null when the room is
     * not conflated or the event has no conflation key (such events are never conflated).
     */
    public String queueKey(String room, String recordKey, String eventJson) {
        if (!conflates(room)) {
            return null;
        }
        String key = ConflationKeys.of(recordKey, eventJson);
        return key == null ? null : room + '\u0000' + key;
    }

    @Override
    public String toString() {
        return rooms.toString();
    }
}
