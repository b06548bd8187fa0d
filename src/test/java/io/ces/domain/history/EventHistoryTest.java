package io.ces.domain.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.Target;

class EventHistoryTest {

    private static final String TOPIC = "ces.events";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Target ROOM = Target.room("cr_1");
    private static final Target OTHER_ROOM = Target.room("cr_2");

    /** A clock that stands still until the test moves it. */
    private static final class MutableClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();

    private EventHistory history(int maxEvents, long maxBytes, Duration maxAge, int maxStreams) {
        return new EventHistory(new HistoryLimits(maxEvents, maxBytes, maxAge, maxStreams, 1L << 30), clock);
    }

    /** A history limited by its heap alone, routing partition 0 of {@link #TOPIC} from offset 1. */
    private EventHistory withHeapOf(long maxTotalBytes) {
        EventHistory history = new EventHistory(
                new HistoryLimits(1000, 1 << 20, Duration.ofMinutes(5), 10_000, maxTotalBytes), clock);
        history.observe(TOPIC, 0, 1);
        return history;
    }

    /** The heap an entry of {@code length} characters is counted with. */
    private static long heapOf(int length) {
        return length + HistoryEntry.OVERHEAD_BYTES;
    }

    private EventHistory roomy() {
        return history(1000, 1 << 20, Duration.ofMinutes(5), 10_000);
    }

    /** Event JSON of exactly {@code length} characters (at least 16), distinct per seq. */
    private static String json(long seq, int length) {
        String head = "{\"n\":" + seq + ",\"p\":\"";
        return head + "x".repeat(Math.max(0, length - head.length() - 2)) + "\"}";
    }

    private static String json(long seq) {
        return "{\"n\":" + seq + "}";
    }

    /** Records an event of {@code length} characters in a room, on partition 0 (observed by the test). */
    private static void write(EventHistory history, String room, long seq, int length) {
        history.record(Target.room(room), TOPIC, 0, seq, json(seq, length));
    }

    /** Records as the routing service does: the partition is observed at the record's offset first. */
    private static void route(EventHistory history, Target stream, int partition, long seq) {
        history.observe(TOPIC, partition, seq);
        history.record(stream, TOPIC, partition, seq, json(seq));
    }

    private static List<Long> seqs(Replay replay) {
        return replay.entries().stream().map(HistoryEntry::seq).toList();
    }

    // --- completeness -------------------------------------------------------------------------------------------

    @Test
    void streamNeverRecordedIsUnknown() {
        EventHistory history = roomy();
        route(history, OTHER_ROOM, 0, 5);

        assertEquals(Replay.unknown(), history.since(ROOM, -1));
        assertEquals(Replay.unknown(), history.since(Target.user("cr_1"), -1), "a user is not the room of that name");
    }

    @Test
    void unknownReplayIsIncompleteEmptyAndWithoutPartition() {
        Replay unknown = Replay.unknown();

        assertFalse(unknown.complete());
        assertTrue(unknown.entries().isEmpty());
        assertEquals(null, unknown.topic());
        assertEquals(-1, unknown.partition());
    }

    @Test
    void completeWhenThePartitionWasObservedFromBeforeThePosition() {
        EventHistory history = roomy();
        history.observe(TOPIC, 0, 10);
        history.record(ROOM, TOPIC, 0, 12, json(12));
        history.record(ROOM, TOPIC, 0, 15, json(15));

        Replay fromFirstObserved = history.since(ROOM, 9);
        assertTrue(fromFirstObserved.complete(), "offset 10 on was observed, so everything after 9 is known");
        assertEquals(List.of(12L, 15L), seqs(fromFirstObserved));

        assertTrue(history.since(ROOM, 11).complete());
        assertEquals(List.of(15L), seqs(history.since(ROOM, 12)));
        assertTrue(history.since(ROOM, 12).complete());
        assertTrue(history.since(ROOM, 15).complete());
        assertEquals(List.of(), seqs(history.since(ROOM, 15)));
        assertTrue(history.since(ROOM, 1_000).complete(), "nothing after a future position is missing either");
    }

    @Test
    void incompleteWhenThePositionIsBeforeTheFirstObservedOffset() {
        EventHistory history = roomy();
        history.observe(TOPIC, 0, 10);
        history.record(ROOM, TOPIC, 0, 12, json(12));

        Replay replay = history.since(ROOM, 8);

        assertFalse(replay.complete(), "offset 9 may have been an event of the room this replica never saw");
        assertEquals(List.of(12L), seqs(replay), "what is known is still returned");
        assertFalse(history.since(ROOM, -1).complete());
    }

    @Test
    void incompleteWhenThePartitionWasNeverObserved() {
        EventHistory history = roomy();
        history.record(ROOM, TOPIC, 0, 12, json(12));

        Replay replay = history.since(ROOM, 11);

        assertFalse(replay.complete());
        assertEquals(List.of(12L), seqs(replay));
    }

    @Test
    void onlyTheFirstObservationOfAPartitionCounts() {
        EventHistory history = roomy();
        history.observe(TOPIC, 0, 10);
        history.observe(TOPIC, 0, 3);
        history.record(ROOM, TOPIC, 0, 12, json(12));

        assertFalse(history.since(ROOM, 5).complete());
        assertTrue(history.since(ROOM, 9).complete());
    }

    @Test
    void observationsAreKeptPerTopicAndPartition() {
        EventHistory history = roomy();
        history.observe(TOPIC, 1, 0);
        history.observe("ces.events.more", 0, 0);
        history.observe(TOPIC, 0, 50);
        history.record(ROOM, TOPIC, 0, 60, json(60));

        assertFalse(history.since(ROOM, 10).complete(), "partition 1 and another topic say nothing about partition 0");
        assertTrue(history.since(ROOM, 49).complete());
    }

    @Test
    void firstEventOfTheReplicaIsCompleteFromJustBeforeIt() {
        EventHistory history = roomy();
        route(history, ROOM, 0, 0);

        Replay replay = history.since(ROOM, -1);

        assertTrue(replay.complete());
        assertEquals(List.of(0L), seqs(replay));
    }

    // --- entries --------------------------------------------------------------------------------------------------

    @Test
    void entriesAreInOrderAndOnlyThoseAfterThePosition() {
        EventHistory history = roomy();
        for (long seq = 10; seq <= 14; seq++) {
            route(history, ROOM, 0, seq);
        }

        assertEquals(List.of(10L, 11L, 12L, 13L, 14L), seqs(history.since(ROOM, 9)));
        assertEquals(List.of(12L, 13L, 14L), seqs(history.since(ROOM, 11)));
        assertEquals(List.of(), seqs(history.since(ROOM, 14)));
    }

    @Test
    void entriesCarryTheEventJsonAndWhenItWasRecorded() {
        EventHistory history = roomy();
        history.observe(TOPIC, 0, 0);
        history.record(ROOM, TOPIC, 0, 0, "{\"id\":\"e-0\"}");
        clock.advance(Duration.ofSeconds(3));
        history.record(ROOM, TOPIC, 0, 1, "{\"id\":\"e-1\"}");

        assertEquals(List.of(new HistoryEntry(0, T0.toEpochMilli(), "{\"id\":\"e-0\"}"),
                new HistoryEntry(1, T0.plusSeconds(3).toEpochMilli(), "{\"id\":\"e-1\"}")),
                history.since(ROOM, -1).entries());
    }

    @Test
    void topicAndPartitionOfTheStreamAreReportedWhetherCompleteOrNot() {
        EventHistory history = roomy();
        history.observe("ces.events.more", 4, 100);
        history.record(ROOM, "ces.events.more", 4, 120, json(120));

        Replay complete = history.since(ROOM, 110);
        Replay incomplete = history.since(ROOM, 10);

        assertTrue(complete.complete());
        assertEquals("ces.events.more", complete.topic());
        assertEquals(4, complete.partition());
        assertFalse(incomplete.complete());
        assertEquals("ces.events.more", incomplete.topic());
        assertEquals(4, incomplete.partition());
    }

    @Test
    void streamsAreSeparatePerTarget() {
        EventHistory history = roomy();
        route(history, ROOM, 0, 1);
        route(history, Target.session("cr_1"), 0, 2);
        route(history, Target.user("cr_1"), 0, 3);
        route(history, OTHER_ROOM, 0, 4);

        assertEquals(List.of(1L), seqs(history.since(ROOM, -1)));
        assertEquals(List.of(2L), seqs(history.since(Target.session("cr_1"), -1)));
        assertEquals(List.of(3L), seqs(history.since(Target.user("cr_1"), -1)));
        assertEquals(List.of(4L), seqs(history.since(OTHER_ROOM, -1)));
        assertEquals(4, history.streamCount());
    }

    // --- eviction by count, bytes and age ------------------------------------------------------------------------

    @Test
    void evictionByCountKeepsTheNewestAndMovesCompletenessPastTheEvicted() {
        EventHistory history = history(3, 1 << 20, Duration.ofMinutes(5), 100);
        for (long seq = 10; seq <= 14; seq++) {
            route(history, ROOM, 0, seq);
        }

        assertEquals(List.of(12L, 13L, 14L), seqs(history.since(ROOM, 9)));
        assertFalse(history.since(ROOM, 9).complete(), "10 and 11 were evicted");
        assertFalse(history.since(ROOM, 10).complete(), "11 was evicted");
        Replay afterEvicted = history.since(ROOM, 11);
        assertTrue(afterEvicted.complete());
        assertEquals(List.of(12L, 13L, 14L), seqs(afterEvicted));
    }

    @Test
    void exactlyMaxEventsAreKeptWithoutEviction() {
        EventHistory history = history(3, 1 << 20, Duration.ofMinutes(5), 100);
        for (long seq = 10; seq <= 12; seq++) {
            route(history, ROOM, 0, seq);
        }

        Replay replay = history.since(ROOM, 9);
        assertTrue(replay.complete());
        assertEquals(List.of(10L, 11L, 12L), seqs(replay));
    }

    @Test
    void evictionByBytesKeepsTheNewestThatFitAndMovesCompleteness() {
        EventHistory history = history(1000, 100, Duration.ofMinutes(5), 100);
        history.observe(TOPIC, 0, 0);
        history.record(ROOM, TOPIC, 0, 0, json(0, 40));
        history.record(ROOM, TOPIC, 0, 1, json(1, 40));
        assertTrue(history.since(ROOM, -1).complete(), "80 bytes fit");

        history.record(ROOM, TOPIC, 0, 2, json(2, 40));

        Replay replay = history.since(ROOM, -1);
        assertFalse(replay.complete(), "120 bytes do not fit: the oldest went");
        assertEquals(List.of(1L, 2L), seqs(replay));
        assertTrue(history.since(ROOM, 0).complete());
    }

    @Test
    void eventsFillingTheByteLimitExactlyAreKept() {
        EventHistory history = history(1000, 100, Duration.ofMinutes(5), 100);
        history.observe(TOPIC, 0, 0);
        history.record(ROOM, TOPIC, 0, 0, json(0, 50));
        history.record(ROOM, TOPIC, 0, 1, json(1, 50));

        Replay replay = history.since(ROOM, -1);
        assertTrue(replay.complete());
        assertEquals(List.of(0L, 1L), seqs(replay));
    }

    @Test
    void eventLargerThanTheByteLimitIsNotKeptAndHistoryIsCompleteOnlyAfterIt() {
        EventHistory history = history(1000, 100, Duration.ofMinutes(5), 100);
        history.observe(TOPIC, 0, 0);
        history.record(ROOM, TOPIC, 0, 0, json(0, 30));
        history.record(ROOM, TOPIC, 0, 1, json(1, 101));

        assertFalse(history.since(ROOM, 0).complete());
        Replay afterBig = history.since(ROOM, 1);
        assertTrue(afterBig.complete());
        assertEquals(List.of(), seqs(afterBig));

        history.record(ROOM, TOPIC, 0, 2, json(2, 30));
        assertEquals(List.of(2L), seqs(history.since(ROOM, 1)));
        assertTrue(history.since(ROOM, 1).complete());
    }

    @Test
    void evictionByAgeDropsEventsOlderThanMaxAgeWhenRead() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 100);
        route(history, ROOM, 0, 10);
        clock.advance(Duration.ofMinutes(3));
        route(history, ROOM, 0, 11);

        clock.advance(Duration.ofMinutes(2));
        Replay atMaxAge = history.since(ROOM, 9);
        assertTrue(atMaxAge.complete(), "an event exactly maxAge old is still kept");
        assertEquals(List.of(10L, 11L), seqs(atMaxAge));

        clock.advance(Duration.ofMillis(1));
        Replay expired = history.since(ROOM, 9);
        assertFalse(expired.complete(), "10 expired");
        assertEquals(List.of(11L), seqs(expired));
        assertTrue(history.since(ROOM, 10).complete());

        clock.advance(Duration.ofMinutes(3));
        Replay allExpired = history.since(ROOM, 10);
        assertFalse(allExpired.complete(), "11 expired too");
        assertEquals(List.of(), seqs(allExpired));
        assertTrue(history.since(ROOM, 11).complete());
        assertEquals(TOPIC, allExpired.topic(), "an emptied stream still knows its partition");
    }

    @Test
    void evictionByAgeAlsoHappensWhenWriting() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 100);
        route(history, ROOM, 0, 10);
        clock.advance(Duration.ofMinutes(6));
        route(history, ROOM, 0, 11);

        Replay replay = history.since(ROOM, 9);
        assertFalse(replay.complete());
        assertEquals(List.of(11L), seqs(replay));
        assertTrue(history.since(ROOM, 10).complete());
    }

    // --- too many streams -----------------------------------------------------------------------------------------

    @Test
    void tooManyStreamsEvictsTheLeastRecentlyWrittenWhichThenIsUnknown() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 2);
        route(history, Target.room("a"), 0, 1);
        route(history, Target.room("b"), 0, 2);

        route(history, Target.room("c"), 0, 3);

        assertEquals(2, history.streamCount());
        assertEquals(Replay.unknown(), history.since(Target.room("a"), -1));
        assertEquals(List.of(2L), seqs(history.since(Target.room("b"), -1)));
        assertEquals(List.of(3L), seqs(history.since(Target.room("c"), -1)));
    }

    @Test
    void writingToAStreamKeepsItFromBeingEvicted() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 2);
        route(history, Target.room("a"), 0, 1);
        route(history, Target.room("b"), 0, 2);
        route(history, Target.room("a"), 0, 3);

        route(history, Target.room("c"), 0, 4);

        assertEquals(2, history.streamCount());
        assertEquals(Replay.unknown(), history.since(Target.room("b"), -1));
        assertEquals(List.of(1L, 3L), seqs(history.since(Target.room("a"), -1)));
        assertEquals(List.of(4L), seqs(history.since(Target.room("c"), -1)));
    }

    @Test
    void readingAStreamDoesNotKeepItFromBeingEvicted() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 2);
        route(history, Target.room("a"), 0, 1);
        route(history, Target.room("b"), 0, 2);
        history.since(Target.room("a"), -1);

        route(history, Target.room("c"), 0, 3);

        assertEquals(Replay.unknown(), history.since(Target.room("a"), -1), "a is the least recently written");
        assertEquals(List.of(2L), seqs(history.since(Target.room("b"), -1)));
    }

    @Test
    void streamWrittenAgainAfterBeingEvictedIsNotCompleteOverItsDroppedEvents() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 1);
        route(history, Target.room("a"), 0, 1);
        route(history, Target.room("b"), 0, 2);
        route(history, Target.room("a"), 0, 3);

        Replay replay = history.since(Target.room("a"), 0);

        assertFalse(replay.complete() && !seqs(replay).contains(1L),
                "event 1 of room a was dropped, yet the replay claims to be complete: " + replay);
    }

    // --- the whole history's heap -----------------------------------------------------------------------------------

    @Test
    void heapCountsEveryEntryHeldAndGivesBackWhatIsEvictedOrExpired() {
        EventHistory history = history(2, 1 << 20, Duration.ofMinutes(5), 10_000);
        assertEquals(0, history.heapBytes());
        history.observe(TOPIC, 0, 1);
        history.record(ROOM, TOPIC, 0, 1, json(1, 100));
        history.record(ROOM, TOPIC, 0, 2, json(2, 200));
        history.record(OTHER_ROOM, TOPIC, 0, 3, json(3, 50));
        assertEquals(heapOf(100) + heapOf(200) + heapOf(50), history.heapBytes());

        history.record(ROOM, TOPIC, 0, 4, json(4, 300)); // evicts 1: two events per stream
        assertEquals(heapOf(200) + heapOf(300) + heapOf(50), history.heapBytes());

        clock.advance(Duration.ofMinutes(6));
        history.since(ROOM, 0); // a read expires what is too old
        assertEquals(heapOf(50), history.heapBytes());
        history.since(OTHER_ROOM, 0);
        assertEquals(0, history.heapBytes());
    }

    @Test
    void overTheHeapLimitTheOldestEventsOfTheLeastRecentlyWrittenStreamGo() {
        EventHistory history = withHeapOf(4 * heapOf(100));
        history.observe(TOPIC, 0, 1);
        write(history, "a", 1, 100);
        write(history, "a", 2, 100);
        write(history, "b", 3, 100);
        write(history, "b", 4, 100);
        assertEquals(4 * heapOf(100), history.heapBytes(), "exactly at the limit nothing is evicted");

        write(history, "a", 5, 100);

        assertEquals(List.of(4L), seqs(history.since(Target.room("b"), -1)), "b was written least recently");
        assertTrue(history.since(Target.room("b"), 3).complete(), "b is complete after the event it lost");
        assertFalse(history.since(Target.room("b"), 2).complete(), "event 3 of b was evicted: " + history.since(
                Target.room("b"), 2));
        assertEquals(List.of(1L, 2L, 5L), seqs(history.since(Target.room("a"), -1)));
        assertEquals(2, history.streamCount());
        assertEquals(4 * heapOf(100), history.heapBytes());
    }

    @Test
    void streamsWrittenInTurnEachKeepTheirNewestEventsInsteadOfStartingOver() {
        EventHistory history = withHeapOf(6 * heapOf(100));
        history.observe(TOPIC, 0, 1);
        String[] rooms = {"a", "b", "c"};
        for (long seq = 1; seq <= 9; seq++) {
            write(history, rooms[(int) (seq - 1) % 3], seq, 100);
        }

        assertEquals(List.of(4L, 7L), seqs(history.since(Target.room("a"), -1)));
        assertEquals(List.of(5L, 8L), seqs(history.since(Target.room("b"), -1)));
        assertEquals(List.of(6L, 9L), seqs(history.since(Target.room("c"), -1)));
        assertTrue(history.since(Target.room("a"), 1).complete(), "a lost only event 1");
        assertTrue(history.since(Target.room("c"), 3).complete(), "c lost only event 3");
        assertFalse(history.since(Target.room("a"), 0).complete());
        assertEquals(3, history.streamCount(), "no stream had to start over");
    }

    @Test
    void theStreamJustWrittenKeepsTheEventJustWrittenEvenAloneOverTheHeapLimit() {
        EventHistory history = withHeapOf(heapOf(100));
        history.observe(TOPIC, 0, 1);
        write(history, "a", 1, 100);

        write(history, "b", 2, 500);

        assertEquals(1, history.streamCount(), "a, emptied to fit, is dropped");
        assertEquals(List.of(2L), seqs(history.since(Target.room("b"), -1)),
                "the event just written stays; the stream's own limits bound a single one");
        assertEquals(heapOf(500), history.heapBytes());

        write(history, "b", 3, 100);

        assertEquals(List.of(3L), seqs(history.since(Target.room("b"), -1)), "the stream written is trimmed last");
        assertTrue(history.since(Target.room("b"), 2).complete());
        assertEquals(heapOf(100), history.heapBytes());
    }

    @Test
    void aStreamEmptiedForHeapIsNotCompleteOverItsEvictedEventsWhenWrittenAgain() {
        EventHistory history = withHeapOf(2 * heapOf(100));
        write(history, "a", 1, 100);
        write(history, "b", 2, 100);
        write(history, "c", 3, 100); // evicts a's only event
        write(history, "a", 4, 100);

        Replay replay = history.since(Target.room("a"), 0);

        assertFalse(replay.complete(), "event 1 of room a was evicted: the replay must go to Kafka: " + replay);
        assertTrue(history.since(Target.room("a"), 3).complete());
    }

    @Test
    void whatIsEvictedAndWhatExpiresIsEachGivenBackOnce() {
        EventHistory history = withHeapOf(heapOf(100));
        write(history, "a", 1, 100);
        write(history, "b", 2, 100); // evicts a's only event
        assertEquals(heapOf(100), history.heapBytes());

        clock.advance(Duration.ofMinutes(6));
        history.since(Target.room("b"), 0);

        assertEquals(0, history.heapBytes());
        write(history, "b", 3, 100);
        assertEquals(heapOf(100), history.heapBytes());
    }

    @Test
    void droppingForTooManyStreamsGivesTheirHeapBack() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 1);
        history.observe(TOPIC, 0, 1);
        write(history, "a", 1, 100);
        write(history, "b", 2, 60);
        assertEquals(heapOf(60), history.heapBytes());
    }

    // --- streams that move ----------------------------------------------------------------------------------------

    @Test
    void streamWhoseEventsMoveToAnotherPartitionStartsOver() {
        EventHistory history = roomy();
        route(history, ROOM, 0, 5);
        route(history, ROOM, 0, 6);
        history.observe(TOPIC, 1, 2);

        history.record(ROOM, TOPIC, 1, 3, json(3));

        Replay replay = history.since(ROOM, -1);
        assertEquals(List.of(3L), seqs(replay), "offsets of partition 0 are not comparable with those of partition 1");
        assertEquals(TOPIC, replay.topic());
        assertEquals(1, replay.partition());
        assertFalse(replay.complete(), "partition 1 was observed only from offset 2");
        assertTrue(history.since(ROOM, 1).complete());
        assertEquals(1, history.streamCount());
    }

    @Test
    void streamWhoseEventsMoveToAnotherTopicStartsOver() {
        EventHistory history = roomy();
        route(history, ROOM, 0, 5);
        history.observe("ces.events.more", 0, 0);

        history.record(ROOM, "ces.events.more", 0, 1, json(1));

        Replay replay = history.since(ROOM, -1);
        assertEquals(List.of(1L), seqs(replay));
        assertEquals("ces.events.more", replay.topic());
        assertEquals(0, replay.partition());
        assertTrue(replay.complete());
    }

    // --- where streams are ---------------------------------------------------------------------------------------

    @Test
    void lastOffsetIsMinusOneUntilThePartitionIsObservedThenTheLatestObserved() {
        EventHistory history = roomy();
        assertEquals(-1, history.lastOffset(TOPIC, 0));

        history.observe(TOPIC, 0, 10);
        history.observe(TOPIC, 0, 11);
        history.observe(TOPIC, 1, 3);

        assertEquals(11, history.lastOffset(TOPIC, 0));
        assertEquals(3, history.lastOffset(TOPIC, 1));
        assertEquals(-1, history.lastOffset(TOPIC, 2));
        assertEquals(-1, history.lastOffset("ces.events.more", 0));
    }

    @Test
    void locateIsNullForAStreamNeverRecordedAndElseItsTopicAndPartition() {
        EventHistory history = roomy();
        assertEquals(null, history.locate(ROOM));

        route(history, ROOM, 2, 7);

        assertEquals(new StreamLocation(TOPIC, 2), history.locate(ROOM));
        assertEquals(null, history.locate(Target.user("cr_1")));
    }

    @Test
    void locateFollowsAStreamThatMovedToAnotherPartition() {
        EventHistory history = roomy();
        route(history, ROOM, 0, 7);
        route(history, ROOM, 1, 2);

        assertEquals(new StreamLocation(TOPIC, 1), history.locate(ROOM));
    }

    // --- limits ---------------------------------------------------------------------------------------------------

    @Test
    void limitsMustBePositive() {
        Duration age = Duration.ofMinutes(1);
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(0, 1, age, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(1, 0, age, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(1, 1, Duration.ZERO, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(1, 1, age.negated(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(1, 1, age, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new HistoryLimits(1, 1, age, 1, 0));
        new HistoryLimits(1, 1, Duration.ofMillis(1), 1, 1);
    }

    @Test
    void aStreamWithoutEventsIsProvenEmptyWhereItsPartitionWasRoutedFromBeforeThePosition() {
        EventHistory history = roomy();
        history.observe("ces.events", 3, 100);
        history.observe("ces.events", 3, 140);
        Replay replay = history.since(Target.session("s-1"), 120, new StreamLocation("ces.events", 3));
        assertTrue(replay.complete());
        assertTrue(replay.entries().isEmpty());
        assertEquals(3, replay.partition());
    }

    @Test
    void aStreamWithoutEventsIsNotProvenEmptyBeforeThePartitionWasRoutedHere() {
        EventHistory history = roomy();
        history.observe("ces.events", 3, 100);
        assertFalse(history.since(Target.session("s-1"), 50, new StreamLocation("ces.events", 3)).complete());
        assertFalse(history.since(Target.session("s-1"), 50, new StreamLocation("ces.events", 4)).complete(),
                "a partition never routed here proves nothing");
        assertFalse(history.since(Target.session("s-1"), 120).complete(), "without a location nothing is known");
    }

    @Test
    void aStreamWithoutEventsIsNotProvenEmptyPastAStreamDroppedForRoom() {
        EventHistory history = history(1000, 1 << 20, Duration.ofMinutes(5), 1);
        history.observe("ces.events", 3, 100);
        history.record(Target.room("r-1"), "ces.events", 3, 110, json(110));
        history.observe("ces.events", 3, 111);
        history.record(Target.room("r-2"), "ces.events", 3, 111, json(111));
        assertFalse(history.since(Target.room("r-1"), 105, new StreamLocation("ces.events", 3)).complete(),
                "r-1 was dropped for lack of room: its events up to 110 are gone from here");
        assertTrue(history.since(Target.room("r-1"), 110, new StreamLocation("ces.events", 3)).complete());
    }
}
