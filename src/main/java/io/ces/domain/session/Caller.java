package io.ces.domain.session;

import java.util.Objects;

import io.ces.domain.room.RoomAccess;

/**
 * The authenticated party behind a request or a connection, as its token describes it.
 *
 * @param userId the token subject; user-targeted events reach every session of this user
 * @param admin  whether the token carries group {@code ces.admin}
 */
public record Caller(String userId, RoomAccess rooms, boolean admin) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(rooms, "rooms");
    }

    public boolean mayJoin(String room) {
        return rooms.permits(room);
    }

    /** Whether this caller may see or close a session owned by {@code owner}. */
    public boolean mayManageSessionOf(Caller owner) {
        return admin || userId.equals(owner.userId());
    }
}
