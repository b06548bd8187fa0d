package io.ces.domain.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One ack or read receipt of a session for an event of a room.
 *
 * @param eventId the acknowledged event's CloudEvent id, or null when this replica's history no longer holds it
 */
public record Receipt(ReceiptKind kind, String user, String session, String room, long seq, String eventId,
        Instant at) {

    public Receipt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(at, "at");
    }

    /** What makes two receipts the same: the session, the room, the position and the kind. */
    public String key() {
        return key(kind, session, room, seq);
    }

    public static String key(ReceiptKind kind, String session, String room, long seq) {
        // room ids cannot contain a space, so the parts cannot run into each other
        return kind.frameType() + " " + session + " " + room + " " + seq;
    }

    /** The receipt's CloudEvent id: the same for the same key on every replica, a name-based UUID. */
    public String cloudEventId() {
        return UUID.nameUUIDFromBytes(("ces.receipt " + key()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
