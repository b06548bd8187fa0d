package io.ces.infrastructure.messaging;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed while records finish out of order: a record parked for a retry holds back its
 * partition's commit, and the records after it in that partition, until it is routed or dead-lettered.
 *
 * <p>The consumer's own thread looks up partitions, asks what to commit and forgets revoked partitions; records
 * finish on whichever thread routed them, through the {@link Partition} they started in.
 */
final class CommitWatermarks {

    /**
     * One partition's records in flight, for as long as the partition stays assigned: a record that finishes after
     * its partition was revoked finishes in a progress nobody commits from any more.
     *
     * <p>Records start in offset order and nearly always finish in it (the routing pipeline routes them in the order
     * read; only a retry finishes late), so the unfinished offsets are a sorted array whose head is the commit, and
     * finishing the head record is constant time without boxing.
     */
    static final class Partition {
        private long[] unfinished = new long[256];
        private int head;
        private int tail;
        /** Finished, but behind an unfinished record: rare, so boxed. */
        private final Set<Long> finishedEarly = new HashSet<>();
        private long nextToRead = -1;

        synchronized void started(long offset) {
            nextToRead = Math.max(nextToRead, offset + 1);
            if (tail > head && offset <= unfinished[tail - 1]) {
                insertOutOfOrder(offset);
                return;
            }
            if (tail == unfinished.length) {
                makeRoom();
            }
            unfinished[tail++] = offset;
        }

        synchronized void finished(long offset) {
            if (head < tail && unfinished[head] == offset) {
                head++;
                while (head < tail && !finishedEarly.isEmpty() && finishedEarly.remove(unfinished[head])) {
                    head++;
                }
                if (head == tail) {
                    head = 0;
                    tail = 0;
                }
            } else if (Arrays.binarySearch(unfinished, head, tail, offset) >= 0) {
                finishedEarly.add(offset);
            }
        }

        /** The offset to commit: the first unfinished record, or the next to read; -1 before any record. */
        synchronized long committable() {
            return head < tail ? unfinished[head] : nextToRead;
        }

        private void insertOutOfOrder(long offset) {
            int found = Arrays.binarySearch(unfinished, head, tail, offset);
            if (found >= 0) {
                return; // started already
            }
            if (tail == unfinished.length) {
                makeRoom();
                found = Arrays.binarySearch(unfinished, head, tail, offset);
            }
            int at = -found - 1;
            System.arraycopy(unfinished, at, unfinished, at + 1, tail - at);
            unfinished[at] = offset;
            tail++;
        }

        private void makeRoom() {
            int size = tail - head;
            long[] target = size * 2 > unfinished.length ? new long[unfinished.length * 2] : unfinished;
            System.arraycopy(unfinished, head, target, 0, size);
            unfinished = target;
            head = 0;
            tail = size;
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** The progress of a partition in its current assignment, where its records start and finish. */
    synchronized Partition partition(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, p -> new Partition());
    }

    /** For every partition read so far, the offset to commit: the first unfinished record, or the next to read. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, progress) -> {
            long commit = progress.committable();
            if (commit >= 0) {
                offsets.put(partition, new OffsetAndMetadata(commit));
            }
        });
        return offsets;
    }

    /** Forgets partitions this consumer no longer owns. */
    synchronized void revoked(Iterable<TopicPartition> revoked) {
        for (TopicPartition partition : revoked) {
            partitions.remove(partition);
        }
    }
}
