package io.ces.domain.delivery;

/**
 * A live event's frame waiting in a slow client's {@link OutboundQueue} that a later event of the same conflation
 * key may still replace, in place, until the writer takes it. Replacing and taking exclude each other, so an event
 * is either written in this frame or appended as a frame of its own, never lost between the two.
 */
final class ConflatableFrame {

    private final String key;
    private final long queuedNanos;
    private String frame;
    private long recordTimestampMillis;
    private int replaced;
    private boolean taken;

    ConflatableFrame(String key, String frame, long recordTimestampMillis, long queuedNanos) {
        this.key = key;
        this.queuedNanos = queuedNanos;
        this.frame = frame;
        this.recordTimestampMillis = recordTimestampMillis;
    }

    String key() {
        return key;
    }

    /** When this place in the queue was taken, by the conflation window's clock; replacing does not change it. */
    long queuedNanos() {
        return queuedNanos;
    }

    /** Puts a newer event's frame in place of the waiting one; false once the writer has taken it. */
    synchronized boolean replace(String newerFrame, long newerRecordTimestampMillis) {
        if (taken) {
            return false;
        }
        frame = newerFrame;
        recordTimestampMillis = newerRecordTimestampMillis;
        replaced++;
        return true;
    }

    /** Takes the frame for writing: from now on it is final, marked with the number of events it replaced. */
    synchronized String take() {
        taken = true;
        return replaced == 0 ? frame : MessageFrames.withConflated(frame, replaced);
    }

    /** The record time of the event finally written; read after {@link #take()}. */
    synchronized long recordTimestampMillis() {
        return recordTimestampMillis;
    }
}
