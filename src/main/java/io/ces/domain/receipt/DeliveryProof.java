package io.ces.domain.receipt;

import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.delivery.CursorPosition;
import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.Replay;
import io.ces.domain.json.StrictJsonReader;

/**
 * Decides whether a session may acknowledge a position of a room, from what the replica knows cheaply: the
 * session's cursor in the room and the replica's history of the room. A position is acknowledgeable when the
 * session subscribes to the room, the position is at or below the last one its cursor delivered, and the room's
 * history does not prove that the room has no event there. The history names the event's id when it still holds
 * the event; when it no longer reaches back that far, the receipt carries the room and seq only.
 *
 * <p>The cursor's position is where the session stands in the room, which includes where it started (a new
 * subscription starts at the room's current end, a recovery at the position the client gave): a position before
 * the subscription counts as delivered. What is refused is what the session cannot have: a room it does not
 * subscribe to, a position after its own, and a position of the partition that is not an event of the room.
 */
public final class DeliveryProof {

    /** The answer: refused, or allowed with the event's id when known. */
    public record Verdict(boolean delivered, String eventId) {

        static final Verdict NOT_DELIVERED = new Verdict(false, null);
    }

    private final StrictJsonReader reader;

    public DeliveryProof(JsonProvider json) {
        this.reader = new StrictJsonReader(json);
    }

    /**
     * @param cursor  where the session stands in the room, or null when it does not subscribe to it
     * @param seq     the position acknowledged
     * @param history the room's history after {@code seq - 1} on this replica
     */
    public Verdict check(CursorPosition cursor, long seq, Replay history) {
        if (cursor == null || seq < 0 || seq > cursor.seq()) {
            return Verdict.NOT_DELIVERED;
        }
        boolean sameStream = history.topic() == null || cursor.topic() == null
                || (history.topic().equals(cursor.topic()) && history.partition() == cursor.partition());
        if (!sameStream) {
            // the room's events moved to another partition: its seqs mean something else, history cannot decide
            return new Verdict(true, null);
        }
        for (HistoryEntry entry : history.entries()) {
            if (entry.seq() == seq) {
                return new Verdict(true, eventId(entry.eventJson()).orElse(null));
            }
            if (entry.seq() > seq) {
                break;
            }
        }
        return history.complete() ? Verdict.NOT_DELIVERED : new Verdict(true, null);
    }

    private Optional<String> eventId(String eventJson) {
        try {
            JsonObject event = reader.readObject(eventJson);
            return event.get("id") instanceof JsonString id ? Optional.of(id.getString()) : Optional.empty();
        } catch (StrictJsonReader.InvalidJsonException e) {
            return Optional.empty();
        }
    }
}
