package io.ces.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitWatermarksTest {

    private static final TopicPartition EVENTS_0 = new TopicPartition("events", 0);
    private static final TopicPartition EVENTS_1 = new TopicPartition("events", 1);

    private final CommitWatermarks watermarks = new CommitWatermarks();

    private long committableOffset(TopicPartition partition) {
        return watermarks.committable().get(partition).offset();
    }

    /** The partition progress each record started in, as the consumer keeps it per record. */
    private final Map<String, CommitWatermarks.Partition> startedIn = new HashMap<>();

    private void startAll(TopicPartition partition, long... offsets) {
        for (long offset : offsets) {
            CommitWatermarks.Partition progress = watermarks.partition(partition);
            progress.started(offset);
            startedIn.put(partition + "@" + offset, progress);
        }
    }

    private void finish(TopicPartition partition, long offset) {
        CommitWatermarks.Partition progress = startedIn.get(partition + "@" + offset);
        (progress == null ? watermarks.partition(partition) : progress).finished(offset);
    }

    @Test
    void nothingIsCommittableBeforeAnyRecordWasRead() {
        assertTrue(watermarks.committable().isEmpty());
    }

    @Test
    void aPartitionWithEveryRecordFinishedCommitsTheNextOffsetToRead() {
        startAll(EVENTS_0, 10, 11, 12);
        finish(EVENTS_0, 10);
        finish(EVENTS_0, 11);
        finish(EVENTS_0, 12);

        assertEquals(13, committableOffset(EVENTS_0));
    }

    @Test
    void anUnfinishedRecordHoldsBackTheCommitAtItsOwnOffset() {
        startAll(EVENTS_0, 10, 11, 12);
        finish(EVENTS_0, 10);

        assertEquals(11, committableOffset(EVENTS_0));
    }

    @Test
    void recordsFinishedAfterAnUnfinishedOneDoNotMoveTheCommitPastIt() {
        startAll(EVENTS_0, 10, 11, 12);
        finish(EVENTS_0, 12);
        finish(EVENTS_0, 10);

        assertEquals(11, committableOffset(EVENTS_0));
    }

    @Test
    void theCommitJumpsPastRecordsThatFinishedEarlierOnceTheHoldingRecordFinishes() {
        startAll(EVENTS_0, 10, 11, 12, 13);
        finish(EVENTS_0, 12);
        finish(EVENTS_0, 10);
        finish(EVENTS_0, 11);

        assertEquals(13, committableOffset(EVENTS_0));
    }

    @Test
    void aRecordStillRunningCommitsItsOwnOffsetSoItIsReadAgainAfterACrash() {
        startAll(EVENTS_0, 10);

        assertEquals(10, committableOffset(EVENTS_0));
    }

    @Test
    void eachPartitionIsHeldBackOnlyByItsOwnUnfinishedRecords() {
        startAll(EVENTS_0, 10, 11);
        startAll(EVENTS_1, 5, 6);
        finish(EVENTS_0, 11);
        finish(EVENTS_1, 5);
        finish(EVENTS_1, 6);

        assertEquals(Map.of(EVENTS_0, new OffsetAndMetadata(10), EVENTS_1, new OffsetAndMetadata(7)),
                watermarks.committable());
    }

    @Test
    void theNextOffsetToReadIsTheHighestStartedPlusOneEvenWhenStartedOutOfOrder() {
        startAll(EVENTS_0, 12, 10);
        finish(EVENTS_0, 12);
        finish(EVENTS_0, 10);

        assertEquals(13, committableOffset(EVENTS_0));
    }

    @Test
    void finishingARecordOfAPartitionNeverReadIsIgnored() {
        finish(EVENTS_1, 3);

        assertTrue(watermarks.committable().isEmpty());
    }

    @Test
    void revokedPartitionsAreNoLongerCommitted() {
        startAll(EVENTS_0, 10);
        startAll(EVENTS_1, 5);

        watermarks.revoked(List.of(EVENTS_0));

        assertEquals(Map.of(EVENTS_1, new OffsetAndMetadata(5)), watermarks.committable());
    }

    @Test
    void aPartitionAssignedAgainAfterRevocationStartsFromWhatIsReadAnew() {
        startAll(EVENTS_0, 10, 11);
        watermarks.revoked(List.of(EVENTS_0));

        startAll(EVENTS_0, 4);
        finish(EVENTS_0, 4);

        assertEquals(5, committableOffset(EVENTS_0));
    }

    @Test
    void aRecordFinishingAfterItsPartitionWasRevokedLeavesNothingBehind() {
        startAll(EVENTS_0, 10);
        watermarks.revoked(List.of(EVENTS_0));

        finish(EVENTS_0, 10);

        assertTrue(watermarks.committable().isEmpty());
    }

    @Test
    void recordsFinishingInAnyOrderCommitExactlyPastTheFinishedPrefix() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            CommitWatermarks fresh = new CommitWatermarks();
            CommitWatermarks.Partition progress = fresh.partition(EVENTS_0);
            int count = 1 + random.nextInt(700);
            java.util.List<Long> offsets = new java.util.ArrayList<>();
            for (long offset = 100; offset < 100 + count; offset++) {
                progress.started(offset);
                offsets.add(offset);
            }
            java.util.Collections.shuffle(offsets, random);
            java.util.TreeSet<Long> open = new java.util.TreeSet<>(offsets);
            for (long offset : offsets) {
                progress.finished(offset);
                open.remove(offset);
                long expected = open.isEmpty() ? 100 + count : open.first();
                assertEquals(expected, fresh.committable().get(EVENTS_0).offset());
            }
        }
    }

    @Test
    void aRecordFinishedTwiceOrNeverStartedChangesNothing() {
        startAll(EVENTS_0, 10, 11, 12);
        finish(EVENTS_0, 11);
        finish(EVENTS_0, 11);
        finish(EVENTS_0, 99);
        assertEquals(10, committableOffset(EVENTS_0));
        finish(EVENTS_0, 10);
        assertEquals(12, committableOffset(EVENTS_0));
    }
}
