package io.ces.domain.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far a session acknowledged each room delivered to it at least once: the highest acknowledged seq, with the
 * partition it is an offset of. Acks are cumulative, like a Kafka consumer's committed offset: acknowledging a seq
 * acknowledges everything before it in the room. A room starts at its subscription's position, since nothing before
 * the subscription is owed to the session.
 */
public final class AckedPositions {

    private final Map<String, CursorPosition> rooms = new ConcurrentHashMap<>();

    /** The room was subscribed at {@code start}: everything after it is unacknowledged so far. */
    public void start(String room, CursorPosition start) {
        rooms.put(room, start);
    }

    /**
     * Records an ack of {@code seq} in the room, made while the session's cursor there was at {@code cursor}. A
     * lower ack does not move the position back; an ack in another partition than the one recorded replaces it,
     * since offsets of different partitions cannot be compared.
     *
     * @return whether the position moved
     */
    public boolean acknowledge(String room, CursorPosition cursor, long seq) {
        boolean[] moved = {false};
        rooms.compute(room, (key, current) -> {
            CursorPosition next;
            if (current == null || !samePartition(current, cursor)) {
                next = new CursorPosition(cursor.topic(), cursor.partition(), seq);
            } else {
                // the partition is learned from whichever of the two knows it
                next = cursor.topic() != null
                        ? new CursorPosition(cursor.topic(), cursor.partition(), Math.max(current.seq(), seq))
                        : new CursorPosition(current.topic(), current.partition(), Math.max(current.seq(), seq));
            }
            moved[0] = !next.equals(current);
            return next;
        });
        return moved[0];
    }

    private static boolean samePartition(CursorPosition a, CursorPosition b) {
        return a.topic() == null || b.topic() == null
                || (a.topic().equals(b.topic()) && a.partition() == b.partition());
    }

    /** The acknowledged position of a room, or null when the room is not delivered at least once to the session. */
    public CursorPosition of(String room) {
        return rooms.get(room);
    }

    public void forget(String room) {
        rooms.remove(room);
    }

    /** Every room's position, for the shared session state. */
    public Map<String, CursorPosition> asMap() {
        return Map.copyOf(rooms);
    }

    /** Takes over the positions kept in the shared session state. */
    public void restore(Map<String, CursorPosition> positions) {
        rooms.putAll(positions);
    }
}
