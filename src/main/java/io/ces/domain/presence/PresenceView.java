package io.ces.domain.presence;

import java.util.List;

/**
 * What a client is shown of a room's presence: always the number of members, and who they are only while the room
 * has at most {@code maxListed} members, so that a large room's answer stays small and its members stay private.
 *
 * @param members the members, sorted; null when the room has more than the listed maximum
 */
public record PresenceView(String room, int count, List<String> members) {

    public static PresenceView of(String room, RoomPresence presence, int maxListed) {
        if (presence == null || presence.isEmpty()) {
            return new PresenceView(room, 0, List.of());
        }
        int count = presence.memberCount();
        return new PresenceView(room, count, count <= maxListed ? presence.members() : null);
    }

    public boolean listed() {
        return members != null;
    }
}
