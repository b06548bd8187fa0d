package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Conflation in the outbound queue: only a slow client's waiting frames of the same key are replaced. */
class OutboundQueueConflationTest {

    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(500);
    private static final String KEY_A = "ticker-1\u0000A";
    private static final String KEY_B = "ticker-1\u0000B";

    private final HeldWritesSink sink = new HeldWritesSink();
    private final AtomicLong clock = new AtomicLong(1_000_001);
    private final AtomicInteger conflatedEvents = new AtomicInteger();
    private final OutboundQueue queue = queue(64);

    private OutboundQueue queue(int capacity) {
        return new OutboundQueue(sink, capacity, recordTime -> { },
                new ConflationWindow(WINDOW, clock::get, conflatedEvents::addAndGet));
    }

    private static String frame(long seq, String value) {
        return MessageFrames.forRoom("ticker-1", seq, "{\"id\":\"" + value + "\"}");
    }

    private static final String WELCOME = "{\"type\":\"welcome\"}";
    private static final String TICK = MessageFrames.forRoom("other", 0, "{\"id\":\"tick\"}");

    /** Queues a live event's frame (timed, as every live event from Kafka is). */
    private static boolean live(OutboundQueue target, long seq, String value, String key) {
        return target.offer(frame(seq, value), 1, key);
    }

    /**
     * The first write is in flight and stays there; the live event behind it, of a room that is not conflated,
     * waits for the whole window: the client counts as slow.
     */
    private void stall(OutboundQueue stalled) {
        assertTrue(stalled.offer(WELCOME));
        assertTrue(stalled.offer(TICK, 1, null));
        clock.addAndGet(WINDOW);
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventUnchanged() {
        for (int seq = 1; seq <= 100; seq++) {
            assertTrue(live(queue, seq, "v" + seq, seq % 2 == 0 ? KEY_A : KEY_B));
            sink.completeAll();
        }
        assertEquals(100, sink.written.size());
        for (int seq = 1; seq <= 100; seq++) {
            assertEquals(frame(seq, "v" + seq), sink.written.get(seq - 1));
        }
        assertEquals(0, conflatedEvents.get());
    }

    @Test
    void eventsWaitingForLessThanTheWindowAreNotReplaced() {
        assertTrue(queue.offer(WELCOME));
        live(queue, 1, "a1", KEY_A);
        clock.addAndGet(WINDOW - 1);
        live(queue, 2, "a2", KEY_A);
        live(queue, 3, "a3", KEY_A);
        sink.completeAll();
        assertEquals(List.of(WELCOME, frame(1, "a1"), frame(2, "a2"), frame(3, "a3")), sink.written);
        assertEquals(0, conflatedEvents.get());
    }

    @Test
    void aSlowClientGetsTheLatestEventOfEachKeyAtTheEndSeqsStillIncreasingAndTheCountOfThoseReplaced() {
        stall(queue);
        live(queue, 1, "a1", KEY_A);
        live(queue, 2, "b1", KEY_B);
        live(queue, 3, "a2", KEY_A);
        queue.offer("{\"type\":\"pong\"}");
        live(queue, 4, "a3", KEY_A);
        live(queue, 5, "b2", KEY_B);
        live(queue, 6, "a4", KEY_A);

        assertEquals(4, queue.size(), "the tick, the reply and two keys wait, whatever the number of events");
        sink.completeAll();
        assertEquals(List.of(WELCOME, TICK, "{\"type\":\"pong\"}",
                MessageFrames.withConflated(frame(5, "b2"), 1),
                MessageFrames.withConflated(frame(6, "a4"), 3)), sink.written);
        assertEquals(4, conflatedEvents.get());
    }

    @Test
    void eventsWithoutAConflationKeyAreNeverReplaced() {
        stall(queue);
        live(queue, 1, "x1", null);
        live(queue, 2, "x2", null);
        queue.offer(frame(3, "x3"));
        assertEquals(4, queue.size());
        assertEquals(0, conflatedEvents.get());
    }

    @Test
    void aFrameAlreadyHandedToTheSocketIsNotReplacedTheNextEventQueuesBehindIt() {
        stall(queue);
        live(queue, 1, "a1", KEY_A);
        sink.completeOne(); // the welcome is read, the tick is being written
        sink.completeOne(); // the tick is read, a1 is being written and stalls in turn
        live(queue, 2, "a2", KEY_A);
        clock.addAndGet(WINDOW);
        live(queue, 3, "a3", KEY_A);
        live(queue, 4, "a4", KEY_A);
        sink.completeAll();
        assertEquals(List.of(WELCOME, TICK, frame(1, "a1"), frame(2, "a2"),
                MessageFrames.withConflated(frame(4, "a4"), 1)), sink.written);
    }

    @Test
    void aHalfFullQueueCountsAsSlowBeforeTheWindowEnds() {
        OutboundQueue small = queue(8);
        small.offer(WELCOME);
        for (int i = 0; i < 4; i++) {
            small.offer("{\"type\":\"pong\",\"n\":" + i + "}");
        }
        live(small, 1, "a1", KEY_A);
        live(small, 2, "a2", KEY_A);
        assertEquals(5, small.size());
        assertEquals(1, conflatedEvents.get());
    }

    @Test
    void aBurstOfAFewKeysNeverOverflowsASlowClientsQueue() {
        OutboundQueue small = queue(16);
        stall(small);
        for (int seq = 1; seq <= 10_000; seq++) {
            assertTrue(live(small, seq, "v" + seq, seq % 2 == 0 ? KEY_A : KEY_B));
        }
        assertTrue(sink.closes.isEmpty());
        assertFalse(small.isClosed());
        assertEquals(3, small.size());
        sink.completeAll();
        assertEquals(MessageFrames.withConflated(frame(9_999, "v9999"), 4_999), sink.written.get(2));
        assertEquals(MessageFrames.withConflated(frame(10_000, "v10000"), 4_999), sink.written.get(3));
    }

    @Test
    void theSameBurstWithoutConflationClosesTheSlowClient() {
        OutboundQueue small = queue(16);
        stall(small);
        boolean queued = true;
        for (int seq = 1; seq <= 10_000 && queued; seq++) {
            queued = live(small, seq, "v" + seq, null);
        }
        assertFalse(queued);
        assertEquals(List.of(CloseCode.SLOW_CONSUMER), sink.closes);
    }

    @Test
    void closingForgetsTheWaitingFrames() {
        stall(queue);
        live(queue, 1, "a1", KEY_A);
        queue.close(CloseCode.NORMAL);
        assertFalse(live(queue, 2, "a2", KEY_A));
        assertEquals(0, queue.size());
        assertEquals(0, conflatedEvents.get());
    }
}
