package io.ces.domain.room;

/**
 * An outside authority on who belongs to which room (a membership service), asked when the token's {@code rooms}
 * claim does not grant a room.
 */
public interface RoomMembership {

    /** What the authority said; {@code UNKNOWN} when it could not be asked, which CES treats as a denial. */
    enum Answer {
        MEMBER,
        NOT_MEMBER,
        UNKNOWN
    }

    Answer check(String user, String room);
}
