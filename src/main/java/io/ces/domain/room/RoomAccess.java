package io.ces.domain.room;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rooms one caller may join: every room for an administrator, otherwise the rooms matching one of the patterns
 * of the token's {@code rooms} claim. Invalid patterns in a token grant nothing; they never fail the connection.
 */
public final class RoomAccess {

    private static final RoomAccess ALL = new RoomAccess(List.of(), true);

    private final List<RoomPattern> patterns;
    private final boolean everyRoom;

    private RoomAccess(List<RoomPattern> patterns, boolean everyRoom) {
        this.patterns = patterns;
        this.everyRoom = everyRoom;
    }

    public static RoomAccess everyRoom() {
        return ALL;
    }

    public static RoomAccess of(Collection<String> granted) {
        List<RoomPattern> patterns = new ArrayList<>(granted.size());
        for (String glob : granted) {
            try {
                patterns.add(RoomPattern.of(glob));
            } catch (IllegalArgumentException ignoredInvalidGrant) {
                // a malformed grant grants nothing
            }
        }
        return new RoomAccess(List.copyOf(patterns), false);
    }

    public boolean permits(String room) {
        if (!RoomId.isValid(room)) {
            return false;
        }
        if (everyRoom) {
            return true;
        }
        for (RoomPattern pattern : patterns) {
            if (pattern.matches(room)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return everyRoom ? "*all*" : patterns.toString();
    }
}
