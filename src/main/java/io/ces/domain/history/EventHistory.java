package io.ces.domain.history;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.ces.domain.event.Target;

/**
 * The recent events of every stream this replica routed, per stream (a room, a session, a user).
 *
 * <p>Every replica consumes every partition, so each replica's history holds the same events once it has run for
 * a while; what it cannot prove complete, recovery reads from Kafka by position. A stream's history is complete
 * after a position when no event of the stream after it was evicted and the replica was already consuming the
 * stream's partition at that position.
 *
 * <p>Writes come from the Kafka consumer threads, reads from recoveries; each stream is guarded by its own lock.
 * A write holds the lock of all streams too, so that no stream is dropped between finding it and writing to it.
 */
public final class EventHistory {

    private final HistoryLimits limits;
    private final Clock clock;
    /** Every stream, for reads: a read must not keep a stream from being evicted. Guards both maps. */
    private final Map<Target, Stream> streams = new HashMap<>(1024);
    /**
     * The same streams in order of last write, so the eldest is evicted first: in access order, and only writes look
     * streams up in it, so a write moves its stream in its one lookup (remove-and-put took two and a node per event).
     */
    private final LinkedHashMap<Target, Stream> byLastWrite = new LinkedHashMap<>(1024, 0.75f, true);
    /**
     * Per topic and partition, the highest seq of a stream dropped whole (too many streams, moved away, or
     * emptied to fit the heap): a stream created again cannot prove completeness below it.
     */
    private final Map<String, Map<Integer, Long>> droppedUpTo = new ConcurrentHashMap<>();
    /** Per topic and partition, the first offset this replica routed since it started. */
    private final Map<String, Map<Integer, Long>> firstOffsets = new ConcurrentHashMap<>();
    /** Per topic and partition, the last offset this replica routed. */
    private final Map<String, Map<Integer, Long>> lastOffsets = new ConcurrentHashMap<>();
    /** The estimated heap of every entry of every stream still held; reads expire entries too, hence atomic. */
    private final AtomicLong heapBytes = new AtomicLong();

    public EventHistory(HistoryLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Notes that this replica routes the partition from {@code offset} on; only the first call per partition counts. */
    public void observe(String topic, int partition, long offset) {
        Map<Integer, Long> partitions = firstOffsets.get(topic);
        if (partitions == null) {
            partitions = firstOffsets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        if (!partitions.containsKey(partition)) {
            partitions.putIfAbsent(partition, offset);
        }
        Map<Integer, Long> last = lastOffsets.get(topic);
        if (last == null) {
            last = lastOffsets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        last.put(partition, offset);
    }

    /** The last offset of the partition this replica routed, or -1 when it routed none yet. */
    public long lastOffset(String topic, int partition) {
        return offset(lastOffsets, topic, partition, -1);
    }

    /** Where the stream's events have come from since this replica started, or null when none came yet. */
    public StreamLocation locate(Target stream) {
        synchronized (streams) {
            Stream history = streams.get(stream);
            return history == null ? null : new StreamLocation(history.topic, history.partition);
        }
    }

    /** Records one event of a stream; {@link #observe} must have been called for its partition before. */
    public void record(Target stream, String topic, int partition, long seq, String eventJson) {
        HistoryEntry entry = new HistoryEntry(seq, clock.millis(), eventJson);
        synchronized (streams) {
            Stream history = streamFor(stream, topic, partition);
            synchronized (history) {
                history.append(entry, limits);
            }
            if (heapBytes.get() > limits.maxTotalBytes()) {
                trimLeastRecentlyWritten(history);
            }
        }
    }

    /**
     * Evicts the oldest events of the least recently written streams until the history fits its heap again, as a
     * stream's own limits evict: the stream stays complete after its newest evicted event. Streams written in turn
     * (many rooms equally busy) thus each lose their oldest events, where dropping whole streams made every one of
     * them start over, and its resumes read Kafka. A stream left empty is dropped, which loses nothing: how far it
     * was complete lives on per partition. The stream just written keeps the event just written.
     */
    private void trimLeastRecentlyWritten(Stream written) {
        Iterator<Map.Entry<Target, Stream>> eldestFirst = byLastWrite.entrySet().iterator();
        while (heapBytes.get() > limits.maxTotalBytes() && eldestFirst.hasNext()) {
            Map.Entry<Target, Stream> eldest = eldestFirst.next();
            Stream stream = eldest.getValue();
            int keep = stream == written ? 1 : 0;
            synchronized (stream) {
                while (heapBytes.get() > limits.maxTotalBytes() && stream.entries.size() > keep) {
                    stream.evictOldest();
                }
            }
            if (stream.entries.isEmpty()) {
                drop(eldestFirst, eldest);
            }
        }
    }

    /**
     * Drops whole the stream {@code at} stands on, an iterator over {@link #byLastWrite}. Called with the lock of
     * all streams held.
     */
    private void drop(Iterator<Map.Entry<Target, Stream>> at, Map.Entry<Target, Stream> stream) {
        dropped(stream.getValue());
        at.remove();
        streams.remove(stream.getKey());
    }

    /** The recorded events of the stream after {@code afterSeq}, and whether they are all there were. */
    public Replay since(Target stream, long afterSeq) {
        return since(stream, afterSeq, null);
    }

    /**
     * As {@link #since(Target, long)}, for a stream whose partition is known: a stream with no recorded event at
     * all is proven empty when this replica has routed that partition since before {@code afterSeq} and dropped
     * no stream of it past that point. Sessions and users without targeted events are the common case, and
     * without this every resume of theirs would read Kafka.
     */
    public Replay since(Target stream, long afterSeq, StreamLocation where) {
        Stream history;
        synchronized (streams) {
            history = streams.get(stream);
        }
        if (history == null) {
            if (where == null) {
                return Replay.unknown();
            }
            long provable = Math.max(offset(firstOffsets, where.topic(), where.partition(), Long.MAX_VALUE) - 1,
                    offset(droppedUpTo, where.topic(), where.partition(), -1));
            return new Replay(afterSeq >= provable, List.of(), where.topic(), where.partition());
        }
        synchronized (history) {
            history.expire(clock.millis() - limits.maxAge().toMillis());
            List<HistoryEntry> after = new ArrayList<>();
            for (HistoryEntry entry : history.entries) {
                if (entry.seq() > afterSeq) {
                    after.add(entry);
                }
            }
            return new Replay(afterSeq >= history.completeAfter, after, history.topic, history.partition);
        }
    }

    public int streamCount() {
        synchronized (streams) {
            return streams.size();
        }
    }

    /** The estimated heap the recorded events take, against {@link HistoryLimits#maxTotalBytes()}. */
    public long heapBytes() {
        return heapBytes.get();
    }

    /** Called with the lock of all streams held. */
    private Stream streamFor(Target stream, String topic, int partition) {
        Stream history = byLastWrite.get(stream);
        if (history != null && history.partition == partition && history.topic.equals(topic)) {
            return history;
        }
        if (history != null) {
            // The stream's events moved to another partition: offsets are not comparable, start over.
            dropped(history);
        }
        long completeAfter = Math.max(offset(firstOffsets, topic, partition, Long.MAX_VALUE) - 1,
                offset(droppedUpTo, topic, partition, -1));
        history = new Stream(topic, partition, completeAfter, heapBytes);
        streams.put(stream, history);
        byLastWrite.put(stream, history);
        if (byLastWrite.size() > limits.maxStreams()) {
            Iterator<Map.Entry<Target, Stream>> eldestFirst = byLastWrite.entrySet().iterator();
            drop(eldestFirst, eldestFirst.next());
        }
        return history;
    }

    /**
     * Remembers how far a stream dropped whole reached, so that nothing created after it claims those events, and
     * gives its heap back. A recovery that found the stream before may still read its entries.
     */
    private void dropped(Stream history) {
        synchronized (history) {
            long newest = history.entries.isEmpty() ? history.completeAfter : history.entries.peekLast().seq();
            droppedUpTo.computeIfAbsent(history.topic, t -> new ConcurrentHashMap<>())
                    .merge(history.partition, newest, Math::max);
            history.release();
        }
    }

    private static long offset(Map<String, Map<Integer, Long>> offsets, String topic, int partition, long absent) {
        Map<Integer, Long> partitions = offsets.get(topic);
        Long offset = partitions == null ? null : partitions.get(partition);
        return offset == null ? absent : offset;
    }

    /** The bounded history of one stream. */
    private static final class Stream {
        final String topic;
        final int partition;
        final ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();
        long bytes;
        /** Every event of the stream with a greater seq is in {@link #entries}. */
        long completeAfter;
        /** The whole history's heap, while this stream is part of it; null once dropped. */
        private AtomicLong sharedHeapBytes;

        Stream(String topic, int partition, long completeAfter, AtomicLong sharedHeapBytes) {
            this.topic = topic;
            this.partition = partition;
            this.completeAfter = completeAfter;
            this.sharedHeapBytes = sharedHeapBytes;
        }

        /** No longer counted in the whole history's heap: what it holds is garbage once its last reader is done. */
        void release() {
            if (sharedHeapBytes != null) {
                sharedHeapBytes.addAndGet(-(bytes + (long) entries.size() * HistoryEntry.OVERHEAD_BYTES));
                sharedHeapBytes = null;
            }
        }

        void append(HistoryEntry entry, HistoryLimits limits) {
            entries.addLast(entry);
            bytes += entry.bytes();
            if (sharedHeapBytes != null) {
                sharedHeapBytes.addAndGet(entry.heapBytes());
            }
            while (entries.size() > limits.maxEvents() || bytes > limits.maxBytes()) {
                evictOldest();
            }
            expire(entry.recordedAtMillis() - limits.maxAge().toMillis());
        }

        void expire(long recordedBeforeMillis) {
            while (!entries.isEmpty() && entries.peekFirst().recordedAtMillis() < recordedBeforeMillis) {
                evictOldest();
            }
        }

        private void evictOldest() {
            HistoryEntry evicted = entries.removeFirst();
            bytes -= evicted.bytes();
            if (sharedHeapBytes != null) {
                sharedHeapBytes.addAndGet(-evicted.heapBytes());
            }
            completeAfter = Math.max(completeAfter, evicted.seq());
        }
    }
}
