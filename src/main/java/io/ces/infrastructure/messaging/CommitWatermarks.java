package io.ces.infrastructure.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed while records finish out of order: a record parked for a retry holds back its
 * partition's commit, and the records after it in that partition, until it is routed or dead-lettered.
 */
final class CommitWatermarks {

    private final Map<TopicPartition, TreeSet<Long>> unfinished = new HashMap<>();
    private final Map<TopicPartition, Long> nextToRead = new HashMap<>();
    /** Bumped when partitions are revoked: a record of an earlier assignment must not finish one read again. */
    private long generation;

    /** Answers the assignment generation to pass to {@link #finished(TopicPartition, long, long)}. */
    synchronized long started(TopicPartition partition, long offset) {
        unfinished.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        nextToRead.merge(partition, offset + 1, Math::max);
        return generation;
    }

    synchronized void finished(TopicPartition partition, long offset, long startedIn) {
        if (startedIn != generation) {
            return;
        }
        TreeSet<Long> pending = unfinished.get(partition);
        if (pending != null) {
            pending.remove(offset);
        }
    }

    /** For every partition read so far, the offset to commit: the first unfinished record, or the next to read. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextToRead.forEach((partition, next) -> {
            TreeSet<Long> pending = unfinished.get(partition);
            long commit = pending == null || pending.isEmpty() ? next : pending.first();
            offsets.put(partition, new OffsetAndMetadata(commit));
        });
        return offsets;
    }

    /** Forgets partitions this consumer no longer owns. */
    synchronized void revoked(Iterable<TopicPartition> partitions) {
        generation++;
        for (TopicPartition partition : partitions) {
            unfinished.remove(partition);
            nextToRead.remove(partition);
        }
    }
}
