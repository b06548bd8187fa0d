package io.ces.application;

/** The caller's token does not grant the room. */
public class RoomForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String room;

    public RoomForbiddenException(String room) {
        super("the token does not grant room " + room);
        this.room = room;
    }

    public String room() {
        return room;
    }
}
