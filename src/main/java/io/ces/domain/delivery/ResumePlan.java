package io.ces.domain.delivery;

/**
 * Where a resumed room's replay starts, and up to where the replayed events are redeliveries.
 *
 * <p>A room delivered at most once (the default) continues after the position the client reports: it said it has
 * everything up to there. A room delivered at least once continues after the last position the session
 * acknowledged, when that is lower: what the client received but did not acknowledge may not have been handled (a
 * crash between receiving and handling), so it is delivered again, marked as a redelivery up to the position the
 * client reported.
 *
 * @param replayAfter     the seq after which the replay starts
 * @param redeliveredUpTo replayed events at or below this seq are redeliveries; -1 when none is
 */
public record ResumePlan(long replayAfter, long redeliveredUpTo) {

    public static final long NO_REDELIVERY = -1;

    /** Continues after the client's position; nothing is redelivered. */
    public static ResumePlan atMostOnce(long clientPosition) {
        return new ResumePlan(clientPosition, NO_REDELIVERY);
    }

    /**
     * @param clientPosition the last seq the client reports (or, without a report, the last one delivered to it)
     * @param cursor         where the session's cursor in the room stands
     * @param acked          the session's acknowledged position in the room; null when it has none
     */
    public static ResumePlan atLeastOnce(long clientPosition, CursorPosition cursor, CursorPosition acked) {
        if (acked == null || acked.seq() >= clientPosition || !comparable(cursor, acked)) {
            return atMostOnce(clientPosition);
        }
        return new ResumePlan(acked.seq(), clientPosition);
    }

    /**
     * Offsets of the same partition compare. A position that has not learned its partition yet refers to the first
     * one its cursor learns (see {@link StreamCursor}), so it compares too.
     */
    private static boolean comparable(CursorPosition cursor, CursorPosition acked) {
        return cursor.topic() == null || acked.topic() == null
                || (cursor.topic().equals(acked.topic()) && cursor.partition() == acked.partition());
    }

    public boolean isRedelivered(long seq) {
        return seq > replayAfter && seq <= redeliveredUpTo;
    }
}
