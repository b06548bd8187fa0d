package io.ces.domain.event;

import java.util.Objects;

/** Who an event is for: every subscriber of a room, one client session, or every session of one user. */
public record Target(Kind kind, String id) {

    /** The three kinds of target, each named by the CloudEvent extension attribute that carries it. */
    public enum Kind {
        ROOM("room"), SESSION("sessionid"), USER("userid");

        private final String attribute;

        Kind(String attribute) {
            this.attribute = attribute;
        }

        /** The CloudEvent extension attribute that names a target of this kind. */
        public String attribute() {
            return attribute;
        }
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Target room(String room) {
        return new Target(Kind.ROOM, room);
    }

    public static Target session(String sessionId) {
        return new Target(Kind.SESSION, sessionId);
    }

    public static Target user(String userId) {
        return new Target(Kind.USER, userId);
    }
}
