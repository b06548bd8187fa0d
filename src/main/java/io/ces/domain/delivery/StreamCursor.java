package io.ces.domain.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.Replay;

/**
 * Where one session stands in one stream (a room, its session events, its user's events): the partition the
 * stream's events come from, the last seq (offset) handed to its connection there, and, while the stream is being
 * recovered, the live events that arrived meanwhile. Seqs are compared only within one partition: an event from
 * another partition than the cursor knows restarts the position there.
 *
 * <p>The cursor makes the seam between replay and live delivery exactly-once and in order: nothing at or below the
 * last delivered seq is delivered again, and live events wait until the replay before them has been queued.
 */
public final class StreamCursor {

    private String topic;
    private int partition = -1;
    private long lastDelivered;
    private List<Held> held;
    private int holdLimit;

    /** A live cursor: events after {@code lastDelivered} are delivered as they come. */
    public StreamCursor(long lastDelivered) {
        this.lastDelivered = lastDelivered;
    }

    /** A cursor that holds live events until {@link #release}; at most {@code holdLimit} of them. */
    public static StreamCursor recovering(long afterSeq, int holdLimit) {
        StreamCursor cursor = new StreamCursor(afterSeq);
        cursor.hold(afterSeq, holdLimit);
        return cursor;
    }

    /** Starts a live cursor at a position in a partition: events up to it are not owed to this subscription. */
    public synchronized void startAfter(String topic, int partition, long seq) {
        boolean samePartition = partition == this.partition && topic.equals(this.topic);
        this.topic = topic;
        this.partition = partition;
        lastDelivered = samePartition ? Math.max(lastDelivered, seq) : seq;
    }

    /** A cursor continuing from a position kept elsewhere (another replica's, through the shared session state). */
    public static StreamCursor at(CursorPosition position) {
        StreamCursor cursor = new StreamCursor(position.seq());
        cursor.topic = position.topic();
        cursor.partition = position.partition();
        return cursor;
    }

    public synchronized CursorPosition position() {
        return new CursorPosition(topic, partition, lastDelivered);
    }

    public synchronized long lastDelivered() {
        return lastDelivered;
    }

    public synchronized boolean isRecovering() {
        return held != null;
    }

    /**
     * Delivers a live event, or holds it while recovering.
     *
     * @param queue the connection, or null when none is connected (the event then waits in history)
     * @return true when the event was queued or held
     */
    public boolean deliver(String topic, int partition, long seq, String frame, OutboundQueue queue) {
        return deliver(topic, partition, seq, frame, 0, queue);
    }

    /**
     * Delivers a live event, or holds it while recovering; {@code recordTimestampMillis}, the time of its Kafka
     * record, times the delivery once the frame is written (0: not timed).
     */
    public boolean deliver(String topic, int partition, long seq, String frame,
            long recordTimestampMillis, OutboundQueue queue) {
        return deliver(topic, partition, seq, frame, recordTimestampMillis, null, queue);
    }

    /**
     * As above, for an event of a conflated room with its {@code conflationKey} (null: not conflated): a slow
     * client's queue may drop a waiting event of the same key for it ({@link OutboundQueue}). The position
     * still advances to {@code seq}: the replaced event is skipped deliberately, not owed.
     */
    public synchronized boolean deliver(String topic, int partition, long seq, String frame,
            long recordTimestampMillis, String conflationKey, OutboundQueue queue) {
        locate(topic, partition);
        if (seq <= lastDelivered) {
            return false;
        }
        if (held != null) {
            if (held.size() >= holdLimit) {
                // Recovery takes so long that live events pile up: drop the connection, the client resumes again.
                if (queue != null) {
                    queue.close(CloseCode.SLOW_CONSUMER);
                }
                return false;
            }
            held.add(new Held(topic, partition, seq, frame));
            return true;
        }
        if (queue == null || !queue.offer(frame, recordTimestampMillis, conflationKey)) {
            return false;
        }
        lastDelivered = seq;
        return true;
    }

    /**
     * Adopts the partition of an event or replay. The first location a cursor learns keeps its position (a client's
     * position refers to where its events came from); a different one restarts the position there.
     */
    private void locate(String eventTopic, int eventPartition) {
        if (eventTopic == null || (eventPartition == partition && eventTopic.equals(topic))) {
            return;
        }
        if (topic != null) {
            lastDelivered = -1;
        }
        topic = eventTopic;
        partition = eventPartition;
    }

    /** Starts recovering from {@code afterSeq}, which the client says is the last event it has. */
    public synchronized void hold(long afterSeq, int limit) {
        lastDelivered = afterSeq;
        held = new ArrayList<>();
        holdLimit = limit;
    }

    /** Ends a recovery without delivering anything: the connection is gone, the client will resume again. */
    public synchronized void abandon() {
        held = null;
    }

    /**
     * Ends a recovery: queues the announcement, then the replayed events after the last delivered one (none when
     * the replay is incomplete), then the live events held meanwhile that come after them, and goes live.
     *
     * @param announce builds the announcement from the number of replayed events
     * @param frameOf  builds the frame of a replayed event
     * @return the number of replayed events announced (fewer are queued only if the queue closed meanwhile)
     */
    public synchronized int release(Replay replay, IntFunction<String> announce,
            Function<HistoryEntry, String> frameOf, OutboundQueue queue) {
        if (replay.complete()) {
            locate(replay.topic(), replay.partition());
        }
        List<HistoryEntry> events = replay.complete() ? replay.entries() : List.of();
        int count = 0;
        for (HistoryEntry entry : events) {
            if (entry.seq() > lastDelivered) {
                count++;
            }
        }
        queue.offer(announce.apply(count));
        for (HistoryEntry entry : events) {
            if (entry.seq() > lastDelivered && queue.offer(frameOf.apply(entry))) {
                lastDelivered = entry.seq();
            }
        }
        if (held != null) {
            for (Held live : held) {
                locate(live.topic(), live.partition());
                if (live.seq() > lastDelivered && queue.offer(live.frame())) {
                    lastDelivered = live.seq();
                }
            }
        }
        held = null;
        return count;
    }

    /** A live event that arrived during recovery, already encoded. */
    private record Held(String topic, int partition, long seq, String frame) {
    }
}
