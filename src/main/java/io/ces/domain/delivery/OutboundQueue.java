package io.ces.domain.delivery;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded outbound queue of one connection, drained by exactly one writer at a time.
 *
 * <p>Any thread may {@link #offer} a frame; it never blocks. The first offer on an idle queue starts a write; each
 * write's completion starts the next. Only one write is ever in flight because Jakarta WebSocket loses messages
 * when an async send starts before the previous one completed. When a client reads so slowly that
 * {@code capacity} frames are waiting, the queue closes the connection with {@link CloseCode#SLOW_CONSUMER} rather
 * than grow without bound or slow down the Kafka consumer.
 *
 * <p>Conflation: an event of a conflated room offered with a conflation key ({@link #offer(String, long, String)})
 * is queued like any frame while the client keeps up. Once it is slow (see {@link ConflationWindow}), such a frame
 * stays replaceable while it waits: the next event of the same key drops it and is queued at the end, so the client
 * gets the latest value of every key with seqs still increasing, and the queue does not grow with a burst of a few
 * keys. The frame written says how many events it replaced ({@link MessageFrames#withConflated}).
 *
 * <p>Batching ({@link FrameBatching}, opted into per connection): when the writer finds more than one frame waiting,
 * it writes them, in order and up to the batch limit, as one text frame holding a JSON array of them. A ping or a
 * close marker ends a batch, so it still comes after exactly the frames queued before it. A lone frame is written as
 * it is, so nothing changes at light load.
 */
public final class OutboundQueue implements FrameSink.WriteCallback {

    /** Told when a live event's frame has been written, with the time of the event's Kafka record. */
    @FunctionalInterface
    public interface EventFrameWritten {
        void written(long recordTimestampMillis);
    }

    /**
     * A live event's frame, with the time of its Kafka record, for the end-to-end latency, and when it was queued,
     * by the conflation window's clock, for how far behind the client is.
     */
    private record TimedFrame(String text, long recordTimestampMillis, long queuedNanos) {
    }

    private final FrameSink sink;
    private final int capacity;
    private final EventFrameWritten eventFrameWritten;
    /**
     * Frames are Strings, TimedFrames for live events (the replies and replays need no timing), or ConflatableFrames
     * for a slow client's events of conflated rooms.
     */
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    /** The record time of the live event whose frame is being written; 0 for any other frame. */
    private long writingRecordTimestamp;
    /** The record times of the live events in the array being written (0 for other frames); null for a lone frame. */
    private long[] writingBatchTimestamps;
    private final FrameBatching batching;
    /**
     * A frame polled by the writer that did not fit into the batch written last (or a ping or close marker that ended
     * it): the next write starts with it. Still counted in {@link #size}. Set and taken only by the writer.
     */
    private volatile Object carried;
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConflationWindow conflation;
    /** Waiting conflatable frames by conflation key; filled only while the client is slow. */
    private final Map<String, ConflatableFrame> conflatable = new ConcurrentHashMap<>();
    /** Half the capacity: that many frames waiting means the client reads more slowly than events come. */
    private final int slowBacklog;
    /** The thread inside {@link #drain()}: a write that completes on it is continued by the loop, not recursively. */
    private volatile Thread drainer;

    public OutboundQueue(FrameSink sink, int capacity) {
        this(sink, capacity, recordTimestamp -> { });
    }

    public OutboundQueue(FrameSink sink, int capacity, EventFrameWritten eventFrameWritten) {
        this(sink, capacity, eventFrameWritten, ConflationWindow.DEFAULT);
    }

    public OutboundQueue(FrameSink sink, int capacity, EventFrameWritten eventFrameWritten,
            ConflationWindow conflation) {
        this(sink, capacity, eventFrameWritten, conflation, FrameBatching.OFF);
    }

    public OutboundQueue(FrameSink sink, int capacity, EventFrameWritten eventFrameWritten,
            ConflationWindow conflation, FrameBatching batching) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.sink = sink;
        this.capacity = capacity;
        this.eventFrameWritten = eventFrameWritten;
        this.conflation = conflation;
        this.slowBacklog = Math.max(1, capacity / 2);
        this.batching = batching;
    }

    /** Whether waiting frames are written as JSON arrays (see {@link FrameBatching}). */
    public boolean isBatching() {
        return batching.enabled();
    }

    /** Marks a ping in the queue; compared by identity, so no client frame can be mistaken for it. */
    private static final String PING = new String("ping");

    /** Queues a ping control frame behind the frames already waiting. */
    public boolean offerPing() {
        return offer(PING);
    }

    /** Marks, by identity, where a close requested with {@link #closeAfterPending} happens. */
    private static final String CLOSE = new String("close");
    private volatile CloseCode closeAfterPending;

    /** Closes with {@code code} once the frames queued so far are written, e.g. after a final error frame. */
    public void closeAfterPending(CloseCode code) {
        closeAfterPending = code;
        if (!offer(CLOSE)) {
            close(code);
        }
    }

    /** Queues a frame for writing; false when the queue is closed or has just overflowed and closed. */
    public boolean offer(String frame) {
        return enqueue(frame);
    }

    /**
     * Queues a live event's frame; once it is written, the {@link EventFrameWritten} listener gets the time of the
     * event's Kafka record. False when the queue is closed or has just overflowed and closed.
     */
    public boolean offer(String frame, long recordTimestampMillis) {
        return enqueue(recordTimestampMillis > 0
                ? new TimedFrame(frame, recordTimestampMillis, conflation.nanoClock().getAsLong())
                : frame);
    }

    /**
     * Queues a live event's frame of a conflated room: while the client keeps up, as {@link #offer(String, long)};
     * once it is slow, the waiting frame of the same {@code conflationKey}, if there is one, is dropped and this one,
     * counting it, queued at the end, so that seqs keep increasing. A null key is never conflated. False when the
     * queue is closed or has just overflowed and closed.
     */
    public boolean offer(String frame, long recordTimestampMillis, String conflationKey) {
        if (conflationKey == null || !isSlow()) {
            return offer(frame, recordTimestampMillis);
        }
        if (closed.get()) {
            return false;
        }
        long queuedNanos = conflation.nanoClock().getAsLong();
        int replaced = 0;
        ConflatableFrame waiting = conflatable.get(conflationKey);
        if (waiting != null) {
            int skipped = waiting.supersede();
            if (skipped > 0) {
                replaced = skipped;
                queuedNanos = waiting.queuedNanos();
                // Removing scans the queue; a slow client's queue is short once conflation runs, and only a slow
                // client's is scanned. If the writer polled it meanwhile, the writer skips it and counts it out.
                if (pending.remove(waiting)) {
                    size.decrementAndGet();
                }
                conflation.conflated().conflated(1);
            }
        }
        ConflatableFrame entry = new ConflatableFrame(conflationKey, frame, recordTimestampMillis, queuedNanos,
                replaced);
        // Registered before it is queued, so that the writer, which unregisters it, always finds it.
        conflatable.put(conflationKey, entry);
        if (!enqueue(entry)) {
            conflatable.remove(conflationKey, entry);
            return false;
        }
        return true;
    }

    /**
     * Whether the client is behind: the live event's frame next in line has waited for the conflation window, or
     * half the queue is waiting. Replies and replays carry no time; behind them, only the second applies.
     */
    private boolean isSlow() {
        if (size.get() >= slowBacklog) {
            return true;
        }
        Object next = carried;
        if (next == null) {
            next = pending.peek();
        }
        long queued;
        if (next instanceof TimedFrame timed) {
            queued = timed.queuedNanos();
        } else if (next instanceof ConflatableFrame conflatableFrame) {
            queued = conflatableFrame.queuedNanos();
        } else {
            return false;
        }
        return conflation.nanoClock().getAsLong() - queued >= conflation.windowNanos();
    }

    private boolean enqueue(Object frame) {
        if (closed.get()) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            close(CloseCode.SLOW_CONSUMER);
            return false;
        }
        pending.add(frame);
        drain();
        return true;
    }

    public int size() {
        return size.get();
    }

    /** Whether anything queued, including a ping, has not reached the socket yet. */
    public boolean isBacklogged() {
        return size.get() > 0 || writing.get() || sink.isBacklogged();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the connection once; frames still waiting are dropped with it. */
    public void close(CloseCode code) {
        if (closed.compareAndSet(false, true)) {
            pending.clear();
            carried = null;
            conflatable.clear();
            size.set(0);
            sink.close(code);
        }
    }

    /** The connection broke: drop what waits, and write nothing more (see {@link FrameSink#abandon()}). */
    public void abandon() {
        if (closed.compareAndSet(false, true)) {
            pending.clear();
            carried = null;
            conflatable.clear();
            size.set(0);
            sink.abandon();
        }
    }

    @Override
    public void written(Throwable failure) {
        long recordTimestamp = writingRecordTimestamp;
        long[] batchTimestamps = writingBatchTimestamps;
        writing.set(false);
        if (failure != null) {
            abandon();
            return;
        }
        if (batchTimestamps != null) {
            batching.written().written(batchTimestamps.length);
            for (long timestamp : batchTimestamps) {
                if (timestamp > 0) {
                    eventFrameWritten.written(timestamp);
                }
            }
        } else if (recordTimestamp > 0) {
            eventFrameWritten.written(recordTimestamp);
        }
        if (drainer != Thread.currentThread()) {
            drain();
        }
    }

    /** Writes a ping between text writes; false when it failed and the queue closed. */
    private boolean ping() {
        try {
            sink.ping();
            writing.set(false);
            return true;
        } catch (RuntimeException failed) {
            writing.set(false);
            close(CloseCode.INTERNAL_ERROR);
            return false;
        }
    }

    private void drain() {
        Thread self = Thread.currentThread();
        drainer = self;
        try {
            while (!closed.get() && writing.compareAndSet(false, true)) {
                Object next = carried;
                if (next != null) {
                    carried = null;
                } else {
                    next = pending.poll();
                }
                if (next == null) {
                    writing.set(false);
                    if (pending.isEmpty()) {
                        return;
                    }
                    continue;
                }
                size.decrementAndGet();
                if (next == CLOSE) {
                    writing.set(false);
                    close(closeAfterPending);
                    return;
                }
                if (next == PING) {
                    if (!ping()) {
                        return;
                    }
                    continue;
                }
                String frame = take(next);
                if (frame == null) {
                    writing.set(false); // superseded by a newer event of its key, queued behind
                    continue;
                }
                writingRecordTimestamp = takenRecordTimestamp;
                writingBatchTimestamps = null;
                if (batching.enabled() && !pending.isEmpty()) {
                    frame = gatherBatch(frame);
                }
                try {
                    sink.write(frame, this);
                } catch (RuntimeException failedToStart) {
                    // A write that could not even start will never call back: treat it like a failed write.
                    writing.set(false);
                    close(CloseCode.INTERNAL_ERROR);
                    return;
                }
            }
        } finally {
            if (drainer == self) {
                drainer = null;
            }
        }
    }

    /** The record time of the frame {@link #take} returned last; only the writer uses it. */
    private long takenRecordTimestamp;

    /** The text of a queued frame, taken for writing; null when a newer event of its key superseded it. */
    private String take(Object next) {
        if (next instanceof ConflatableFrame latest) {
            String frame = latest.take();
            if (frame == null) {
                return null;
            }
            conflatable.remove(latest.key(), latest);
            takenRecordTimestamp = latest.recordTimestampMillis();
            return frame;
        }
        if (next instanceof TimedFrame timed) {
            takenRecordTimestamp = timed.recordTimestampMillis();
            return timed.text();
        }
        takenRecordTimestamp = 0;
        return (String) next;
    }

    /**
     * Appends the frames waiting behind {@code first} to it as one JSON array, as long as they fit the batch limit;
     * returns {@code first} alone when nothing else could join it. The first frame that does not fit, or a ping or a
     * close marker, is carried to the next write. Each frame's text is used as it is: the array is a concatenation,
     * measured as it is built.
     */
    private String gatherBatch(String first) {
        StringBuilder batch = null;
        long[] timestamps = null;
        int count = 1;
        int length = first.length() + 2;
        while (true) {
            Object next = pending.poll();
            if (next == null) {
                break;
            }
            if (next == PING || next == CLOSE) {
                carried = next;
                break;
            }
            String frame = take(next);
            if (frame == null) {
                size.decrementAndGet();
                continue; // superseded by a newer event of its key, queued behind
            }
            if (length + 1 + frame.length() > batching.maxChars()) {
                // taken already, so no longer replaceable: it goes first in the next write, still counted in size
                carried = next instanceof ConflatableFrame latest
                        ? new TimedFrame(frame, latest.recordTimestampMillis(), latest.queuedNanos())
                        : next;
                break;
            }
            size.decrementAndGet();
            if (batch == null) {
                batch = new StringBuilder(Math.min(batching.maxChars(), Math.max(length * 4, 256)));
                batch.append('[').append(first);
                timestamps = new long[8];
                timestamps[0] = writingRecordTimestamp;
            }
            batch.append(',').append(frame);
            length += 1 + frame.length();
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
            }
            timestamps[count++] = takenRecordTimestamp;
        }
        if (batch == null) {
            return first;
        }
        writingBatchTimestamps = Arrays.copyOf(timestamps, count);
        return batch.append(']').toString();
    }
}
