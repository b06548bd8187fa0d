package io.ces.domain.delivery;

/**
 * A live event's frame waiting in a slow client's {@link OutboundQueue} that a later event of the same conflation
 * key may still supersede until the writer takes it. Superseding and taking exclude each other, so an event is
 * either written or counted in the frame that superseded it, never lost between the two.
 */
final class ConflatableFrame {

    private final String key;
    private final String frame;
    private final long recordTimestampMillis;
    private final long queuedNanos;
    /** The earlier events of the key this frame stands for, which the client will not receive. */
    private final int replaced;
    private boolean taken;
    private boolean superseded;

    ConflatableFrame(String key, String frame, long recordTimestampMillis, long queuedNanos, int replaced) {
        this.key = key;
        this.frame = frame;
        this.recordTimestampMillis = recordTimestampMillis;
        this.queuedNanos = queuedNanos;
        this.replaced = replaced;
    }

    String key() {
        return key;
    }

    /**
     * Since when the key's update has been waiting: the time the first of the events this frame stands for was
     * queued. Superseding frames keep it, so a client does not look less behind because its updates keep coming.
     */
    long queuedNanos() {
        return queuedNanos;
    }

    long recordTimestampMillis() {
        return recordTimestampMillis;
    }

    /**
     * Gives this frame up for a newer event of its key; returns the number of events the newer frame then stands in
     * for besides itself, or -1 when the writer has taken this frame already.
     */
    synchronized int supersede() {
        if (taken) {
            return -1;
        }
        superseded = true;
        return replaced + 1;
    }

    /** Takes the frame for writing, marked with the number of events it replaced; null when it was superseded. */
    synchronized String take() {
        if (superseded) {
            return null;
        }
        taken = true;
        return replaced == 0 ? frame : MessageFrames.withConflated(frame, replaced);
    }
}
