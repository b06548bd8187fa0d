package io.ces.domain.delivery;

import java.util.ArrayList;
import java.util.List;

import io.ces.domain.room.RoomPattern;

/**
 * The rooms whose events are delivered at least once: a resumed session gets again what was delivered to it but not
 * acknowledged. Given as comma-separated {@link RoomPattern} globs; none means every room is delivered as before
 * (each event once per session, however a resume reports its position).
 */
public final class AtLeastOnceRooms {

    public static final AtLeastOnceRooms NONE = new AtLeastOnceRooms(List.of());

    private final List<RoomPattern> patterns;

    private AtLeastOnceRooms(List<RoomPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses a comma-separated list of room patterns; blanks around entries and empty entries are ignored.
     *
     * @throws IllegalArgumentException naming the entry that is not a room pattern
     */
    public static AtLeastOnceRooms parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<RoomPattern> patterns = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String glob = entry.strip();
            if (glob.isEmpty()) {
                continue;
            }
            try {
                patterns.add(RoomPattern.of(glob));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("ces.delivery.at-least-once.rooms: " + invalid.getMessage(), invalid);
            }
        }
        return new AtLeastOnceRooms(patterns);
    }

    public boolean covers(String room) {
        for (RoomPattern pattern : patterns) {
            if (pattern.matches(room)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
