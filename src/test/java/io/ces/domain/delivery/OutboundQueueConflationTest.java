package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Conflation in the outbound queue: only a slow client's waiting frames of the same key are replaced, in place. */
class OutboundQueueConflationTest {

    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(500);
    private static final String KEY_A = "ticker-1\u0000A";
    private static final String KEY_B = "ticker-1\u0000B";

    /** A sink whose writes complete only when the test says so: a client that stopped reading. */
    private static final class StalledSink implements FrameSink {
        final List<String> written = new ArrayList<>();
        final Deque<WriteCallback> inFlight = new ArrayDeque<>();
        final List<CloseCode> closes = new ArrayList<>();

        @Override
        public void write(String frame, WriteCallback done) {
            written.add(frame);
            inFlight.add(done);
        }

        /** The client reads one frame: the write in flight completes, and the queue starts the next. */
        void completeOne() {
            inFlight.poll().written(null);
        }

        void completeAll() {
            while (!inFlight.isEmpty()) {
                completeOne();
            }
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(CloseCode code) {
            closes.add(code);
        }
    }

    private final StalledSink sink = new StalledSink();
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

    /** The first write is in flight and stays there for longer than the window: the client counts as slow. */
    private void stall(OutboundQueue stalled) {
        assertTrue(stalled.offer("{\"type\":\"welcome\"}"));
        clock.addAndGet(WINDOW);
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventUnchanged() {
        for (int seq = 1; seq <= 100; seq++) {
            assertTrue(queue.offer(frame(seq, "v" + seq), 0, seq % 2 == 0 ? KEY_A : KEY_B));
            sink.completeAll();
        }
        assertEquals(100, sink.written.size());
        for (int seq = 1; seq <= 100; seq++) {
            assertEquals(frame(seq, "v" + seq), sink.written.get(seq - 1));
        }
        assertEquals(0, conflatedEvents.get());
    }

    @Test
    void aFrameWaitingWithinTheWindowIsNotReplaced() {
        assertTrue(queue.offer("{\"type\":\"welcome\"}"));
        clock.addAndGet(WINDOW - 1);
        queue.offer(frame(1, "a1"), 0, KEY_A);
        queue.offer(frame(2, "a2"), 0, KEY_A);
        sink.completeAll();
        sink.completeAll();
        sink.completeAll();
        assertEquals(List.of("{\"type\":\"welcome\"}", frame(1, "a1"), frame(2, "a2")), sink.written);
    }

    @Test
    void aSlowClientGetsTheLatestEventOfEachKeyInThePlaceOfTheFirstAndTheCountOfThoseReplaced() {
        stall(queue);
        queue.offer(frame(1, "a1"), 0, KEY_A);
        queue.offer(frame(2, "b1"), 0, KEY_B);
        queue.offer(frame(3, "a2"), 0, KEY_A);
        queue.offer("{\"type\":\"pong\"}");
        queue.offer(frame(4, "a3"), 0, KEY_A);
        queue.offer(frame(5, "b2"), 0, KEY_B);
        queue.offer(frame(6, "a4"), 0, KEY_A);

        assertEquals(3, queue.size(), "two keys and the reply wait, whatever the number of events");
        sink.completeAll();
        sink.completeAll();
        sink.completeAll();
        sink.completeAll();
        assertEquals(List.of("{\"type\":\"welcome\"}",
                MessageFrames.withConflated(frame(6, "a4"), 3),
                MessageFrames.withConflated(frame(5, "b2"), 1),
                "{\"type\":\"pong\"}"), sink.written);
        assertEquals(4, conflatedEvents.get());
    }

    @Test
    void eventsWithoutAConflationKeyAreNeverReplaced() {
        stall(queue);
        queue.offer(frame(1, "x1"), 0, null);
        queue.offer(frame(2, "x2"), 0, null);
        queue.offer(frame(3, "x3"));
        assertEquals(3, queue.size());
        assertEquals(0, conflatedEvents.get());
    }

    @Test
    void aFrameAlreadyHandedToTheSocketIsNotReplacedTheNextEventQueuesBehindIt() {
        stall(queue);
        queue.offer(frame(1, "a1"), 0, KEY_A);
        sink.completeOne(); // the welcome is read; a1 is now being written, and stalls in turn
        clock.addAndGet(WINDOW);
        queue.offer(frame(2, "a2"), 0, KEY_A);
        queue.offer(frame(3, "a3"), 0, KEY_A);
        sink.completeAll();
        sink.completeAll();
        assertEquals(List.of("{\"type\":\"welcome\"}", frame(1, "a1"),
                MessageFrames.withConflated(frame(3, "a3"), 1)), sink.written);
    }

    @Test
    void aHalfFullQueueCountsAsSlowBeforeTheWindowEnds() {
        OutboundQueue small = queue(8);
        small.offer("{\"type\":\"welcome\"}");
        for (int i = 0; i < 4; i++) {
            small.offer("{\"type\":\"pong\",\"n\":" + i + "}");
        }
        small.offer(frame(1, "a1"), 0, KEY_A);
        small.offer(frame(2, "a2"), 0, KEY_A);
        assertEquals(5, small.size());
        assertEquals(1, conflatedEvents.get());
    }

    @Test
    void aBurstOfAFewKeysNeverOverflowsASlowClientsQueue() {
        OutboundQueue small = queue(16);
        stall(small);
        for (int seq = 1; seq <= 10_000; seq++) {
            assertTrue(small.offer(frame(seq, "v" + seq), 0, seq % 2 == 0 ? KEY_A : KEY_B));
        }
        assertTrue(sink.closes.isEmpty());
        assertFalse(small.isClosed());
        assertEquals(2, small.size());
        sink.completeAll();
        sink.completeAll();
        sink.completeAll();
        assertEquals(MessageFrames.withConflated(frame(9_999, "v9999"), 4_999), sink.written.get(1));
        assertEquals(MessageFrames.withConflated(frame(10_000, "v10000"), 4_999), sink.written.get(2));
    }

    @Test
    void theSameBurstWithoutConflationClosesTheSlowClient() {
        OutboundQueue small = queue(16);
        stall(small);
        boolean queued = true;
        for (int seq = 1; seq <= 10_000 && queued; seq++) {
            queued = small.offer(frame(seq, "v" + seq), 0, null);
        }
        assertFalse(queued);
        assertEquals(List.of(CloseCode.SLOW_CONSUMER), sink.closes);
    }

    @Test
    void closingForgetsTheWaitingFrames() {
        stall(queue);
        queue.offer(frame(1, "a1"), 0, KEY_A);
        queue.close(CloseCode.NORMAL);
        assertFalse(queue.offer(frame(2, "a2"), 0, KEY_A));
        assertEquals(0, queue.size());
        assertEquals(0, conflatedEvents.get());
    }
}
