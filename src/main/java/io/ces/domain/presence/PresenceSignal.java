package io.ces.domain.presence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a room's members learn about each other: a user joined (their first session in the room), left (their
 * last one), or is typing. {@code session} is the session that caused it; it is shared between replicas (typing is
 * relayed to every member but that session) and never shown to clients.
 */
public record PresenceSignal(Kind kind, String room, String user, String session, Instant at) implements Serializable {

    /** The CloudEvent type of each kind is {@link #eventType()}. */
    public enum Kind {
        JOINED("ces.presence.joined"), LEFT("ces.presence.left"), TYPING("ces.typing");

        private final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }

        /** The kind of a CloudEvent type, or null when the type is not one of CES's presence types. */
        public static Kind ofEventType(String type) {
            for (Kind kind : values()) {
                if (kind.eventType.equals(type)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public PresenceSignal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
    }
}
