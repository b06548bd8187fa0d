package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.Replay;

class StreamCursorTest {

    private final RecordingSink sink = new RecordingSink();
    private final OutboundQueue queue = new OutboundQueue(sink, 64);

    private static final IntFunction<String> ANNOUNCE = count -> "announce:" + count;
    private static final Function<HistoryEntry, String> REPLAYED = entry -> "replay:" + entry.seq();

    private static final String TOPIC = "ces.events";
    private static final int PARTITION = 0;

    /** A complete replay of the given seqs from the cursor's partition. */
    private static Replay replay(long... seqs) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (long seq : seqs) {
            entries.add(new HistoryEntry(seq, 0, "{\"n\":" + seq + "}"));
        }
        return new Replay(true, entries, TOPIC, PARTITION);
    }

    private static String live(long seq) {
        return "live:" + seq;
    }

    // --- live delivery --------------------------------------------------------------------------------------------

    @Test
    void liveCursorDeliversOnlySeqsAfterTheLastDelivered() {
        StreamCursor cursor = new StreamCursor(4);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 3, live(3), queue));
        assertFalse(cursor.deliver(TOPIC, PARTITION, 4, live(4), queue));
        assertTrue(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue));
        assertFalse(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue), "delivered once only");
        assertTrue(cursor.deliver(TOPIC, PARTITION, 9, live(9), queue), "seqs have gaps");
        assertFalse(cursor.deliver(TOPIC, PARTITION, 7, live(7), queue));

        assertEquals(List.of(live(5), live(9)), sink.frames);
        assertEquals(9, cursor.lastDelivered());
        assertFalse(cursor.isRecovering());
    }

    @Test
    void cursorFromMinusOneDeliversTheFirstOffset() {
        StreamCursor cursor = new StreamCursor(-1);

        assertTrue(cursor.deliver(TOPIC, PARTITION, 0, live(0), queue));
        assertEquals(0, cursor.lastDelivered());
    }

    @Test
    void withoutConnectionNothingIsDeliveredAndThePositionStays() {
        StreamCursor cursor = new StreamCursor(4);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 5, live(5), null));

        assertEquals(4, cursor.lastDelivered());
        assertTrue(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue), "the event can still be delivered once connected");
        assertEquals(List.of(live(5)), sink.frames);
    }

    @Test
    void eventRefusedByAClosedQueueDoesNotMoveThePosition() {
        StreamCursor cursor = new StreamCursor(4);
        queue.close(CloseCode.NORMAL);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue));

        assertEquals(4, cursor.lastDelivered());
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void startAfterSkipsEventsUpToThatPositionButNeverMovesBack() {
        StreamCursor cursor = new StreamCursor(-1);

        cursor.startAfter(TOPIC, PARTITION, 10);
        assertEquals(10, cursor.lastDelivered());
        assertFalse(cursor.deliver(TOPIC, PARTITION, 10, live(10), queue));

        cursor.startAfter(TOPIC, PARTITION, 3);
        assertEquals(10, cursor.lastDelivered(), "a lower position does not move the cursor back");
        assertTrue(cursor.deliver(TOPIC, PARTITION, 11, live(11), queue));
        assertEquals(List.of(live(11)), sink.frames);
    }

    // --- recovering -----------------------------------------------------------------------------------------------

    @Test
    void recoveringCursorStartsAtThePositionAndHoldsLiveEvents() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);

        assertTrue(cursor.isRecovering());
        assertEquals(4, cursor.lastDelivered());
        assertTrue(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue), "held counts as handed over");
        assertTrue(cursor.deliver(TOPIC, PARTITION, 6, live(6), queue));

        assertTrue(sink.frames.isEmpty());
        assertEquals(4, cursor.lastDelivered(), "held events are not delivered yet");
    }

    @Test
    void recoveringCursorDoesNotHoldEventsAtOrBeforeThePosition() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 4, live(4), queue));
        assertFalse(cursor.deliver(TOPIC, PARTITION, 2, live(2), queue));
        cursor.release(replay(), ANNOUNCE, REPLAYED, queue);

        assertEquals(List.of("announce:0"), sink.frames);
    }

    @Test
    void releaseQueuesAnnouncementThenReplayThenHeldEventsAndGoesLive() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 8, live(8), queue);
        cursor.deliver(TOPIC, PARTITION, 9, live(9), queue);

        int replayed = cursor.release(replay(5, 6, 7), ANNOUNCE, REPLAYED, queue);

        assertEquals(3, replayed);
        assertEquals(List.of("announce:3", "replay:5", "replay:6", "replay:7", live(8), live(9)), sink.frames);
        assertEquals(9, cursor.lastDelivered());
        assertFalse(cursor.isRecovering());
        assertTrue(cursor.deliver(TOPIC, PARTITION, 10, live(10), queue));
        assertEquals(live(10), sink.frames.get(sink.frames.size() - 1), "live events are delivered at once again");
    }

    @Test
    void releaseSkipsReplayedEventsAtOrBeforeThePositionAndDoesNotCountThem() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);

        int replayed = cursor.release(replay(2, 3, 4, 5, 6), ANNOUNCE, REPLAYED, queue);

        assertEquals(2, replayed);
        assertEquals(List.of("announce:2", "replay:5", "replay:6"), sink.frames);
        assertEquals(6, cursor.lastDelivered());
    }

    @Test
    void eventsBothReplayedAndHeldAreDeliveredExactlyOnceInOrder() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 7, live(7), queue);
        cursor.deliver(TOPIC, PARTITION, 8, live(8), queue);
        cursor.deliver(TOPIC, PARTITION, 9, live(9), queue);

        int replayed = cursor.release(replay(5, 6, 7, 8), ANNOUNCE, REPLAYED, queue);

        assertEquals(4, replayed);
        assertEquals(List.of("announce:4", "replay:5", "replay:6", "replay:7", "replay:8", live(9)), sink.frames);
        assertEquals(9, cursor.lastDelivered());
    }

    @Test
    void heldEventsAllCoveredByTheReplayAreNotDeliveredAgain() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 5, live(5), queue);
        cursor.deliver(TOPIC, PARTITION, 6, live(6), queue);

        cursor.release(replay(5, 6, 7), ANNOUNCE, REPLAYED, queue);

        assertEquals(List.of("announce:3", "replay:5", "replay:6", "replay:7"), sink.frames);
        assertEquals(7, cursor.lastDelivered());
    }

    @Test
    void emptyReplayAnnouncesZeroThenDeliversTheHeldEvents() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 8, live(8), queue);

        int replayed = cursor.release(replay(), ANNOUNCE, REPLAYED, queue);

        assertEquals(0, replayed);
        assertEquals(List.of("announce:0", live(8)), sink.frames);
        assertEquals(8, cursor.lastDelivered());
    }

    @Test
    void holdOnALiveCursorRestartsFromTheGivenPosition() {
        StreamCursor cursor = new StreamCursor(-1);
        cursor.deliver(TOPIC, PARTITION, 5, live(5), queue);
        cursor.deliver(TOPIC, PARTITION, 6, live(6), queue);
        sink.frames.clear();

        cursor.hold(4, 10);
        assertTrue(cursor.isRecovering());
        assertEquals(4, cursor.lastDelivered(), "the client says it has only up to 4");
        assertTrue(cursor.deliver(TOPIC, PARTITION, 7, live(7), queue));
        assertTrue(sink.frames.isEmpty());

        cursor.release(replay(5, 6), ANNOUNCE, REPLAYED, queue);

        assertEquals(List.of("announce:2", "replay:5", "replay:6", live(7)), sink.frames);
    }

    @Test
    void abandonDropsTheHeldEventsAndGoesLiveWithoutDeliveringAnything() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 5, live(5), queue);
        cursor.deliver(TOPIC, PARTITION, 6, live(6), queue);

        cursor.abandon();

        assertFalse(cursor.isRecovering());
        assertTrue(sink.frames.isEmpty());
        assertEquals(4, cursor.lastDelivered());
        cursor.hold(4, 10);
        cursor.release(replay(), ANNOUNCE, REPLAYED, queue);
        assertEquals(List.of("announce:0"), sink.frames, "what was held before abandon is gone");
    }

    @Test
    void liveEventAfterAbandonIsDeliveredAtOnce() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.abandon();

        assertTrue(cursor.deliver(TOPIC, PARTITION, 5, live(5), queue));

        assertEquals(List.of(live(5)), sink.frames);
        assertEquals(5, cursor.lastDelivered());
    }

    @Test
    void holdingUpToTheLimitKeepsTheConnection() {
        StreamCursor cursor = StreamCursor.recovering(0, 2);

        assertTrue(cursor.deliver(TOPIC, PARTITION, 1, live(1), queue));
        assertTrue(cursor.deliver(TOPIC, PARTITION, 2, live(2), queue));

        assertTrue(sink.closes.isEmpty());
        cursor.release(replay(), ANNOUNCE, REPLAYED, queue);
        assertEquals(List.of("announce:0", live(1), live(2)), sink.frames);
    }

    @Test
    void exceedingTheHoldLimitClosesTheConnectionAsSlowConsumer() {
        StreamCursor cursor = StreamCursor.recovering(0, 2);
        cursor.deliver(TOPIC, PARTITION, 1, live(1), queue);
        cursor.deliver(TOPIC, PARTITION, 2, live(2), queue);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 3, live(3), queue));

        assertEquals(List.of(CloseCode.SLOW_CONSUMER), sink.closes);
        assertTrue(queue.isClosed());
        cursor.release(replay(1, 2, 3), ANNOUNCE, REPLAYED, queue);
        assertTrue(sink.frames.isEmpty(), "nothing reaches a closed connection");
        assertEquals(0, cursor.lastDelivered());
    }

    @Test
    void exceedingTheHoldLimitWithoutConnectionDeliversNothingAndFailsNothing() {
        StreamCursor cursor = StreamCursor.recovering(0, 1);
        cursor.deliver(TOPIC, PARTITION, 1, live(1), null);

        assertFalse(cursor.deliver(TOPIC, PARTITION, 2, live(2), null));

        assertEquals(0, cursor.lastDelivered());
        assertTrue(sink.closes.isEmpty());
    }

    @Test
    void withoutConnectionWhileRecoveringNothingIsDeliveredAndThePositionStays() {
        StreamCursor cursor = StreamCursor.recovering(4, 10);

        cursor.deliver(TOPIC, PARTITION, 5, live(5), null);

        assertTrue(sink.frames.isEmpty());
        assertEquals(4, cursor.lastDelivered());
    }

    @Test
    void releaseIntoAQueueThatOverflowsStopsAtTheLastQueuedEvent() {
        RecordingSink slow = new RecordingSink();
        slow.stall = true;
        OutboundQueue small = new OutboundQueue(slow, 2);
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        cursor.deliver(TOPIC, PARTITION, 9, live(9), small);

        cursor.release(replay(5, 6, 7, 8), ANNOUNCE, REPLAYED, small);

        // One frame in flight plus two waiting fit; the fourth overflows and closes the connection.
        assertEquals(List.of(CloseCode.SLOW_CONSUMER), slow.closes);
        assertEquals(List.of("announce:4"), slow.frames, "only the first write started");
        assertEquals(6, cursor.lastDelivered(), "5 and 6 were queued, 7 on were refused");
        assertFalse(cursor.isRecovering());
    }

    @Test
    void anEventFromAnotherPartitionRestartsThePositionThere() {
        StreamCursor cursor = new StreamCursor(-1);
        cursor.startAfter(TOPIC, PARTITION, 500);
        assertFalse(cursor.deliver(TOPIC, PARTITION, 400, live(400), queue), "old news in the known partition");
        assertTrue(cursor.deliver("ces.events.more", 1, 3, live(3), queue),
                "offsets of another partition are not comparable: the position restarts there");
        assertFalse(cursor.deliver("ces.events.more", 1, 3, live(3), queue), "and is exactly-once there");
        assertTrue(cursor.deliver("ces.events.more", 1, 4, live(4), queue));
    }

    @Test
    void theFirstLocationLearnedKeepsAClientsPosition() {
        StreamCursor cursor = StreamCursor.recovering(41, 16);
        cursor.release(replay(42, 43), ANNOUNCE, REPLAYED, queue);
        assertEquals(43, cursor.lastDelivered());
        assertFalse(cursor.deliver(TOPIC, PARTITION, 43, live(43), queue));
    }

    @Test
    void anIncompleteReplayDeliversNothingButTheHeldLiveEvents() {
        StreamCursor cursor = StreamCursor.recovering(10, 16);
        cursor.deliver(TOPIC, PARTITION, 50, live(50), queue);
        int replayed = cursor.release(new Replay(false, List.of(new HistoryEntry(11, 0, "{}")), TOPIC, PARTITION),
                ANNOUNCE, REPLAYED, queue);
        assertEquals(0, replayed);
        assertEquals(50, cursor.lastDelivered());
    }
}
