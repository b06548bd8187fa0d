package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundQueueBatchingTest {

    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private final List<Long> eventsWritten = new CopyOnWriteArrayList<>();

    private OutboundQueue queue(FrameSink sink, int maxChars) {
        return new OutboundQueue(sink, 1024, eventsWritten::add, ConflationWindow.DEFAULT,
                new FrameBatching(maxChars, batches::add));
    }

    @Test
    void rejectsANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new FrameBatching(-1, frames -> { }));
        assertFalse(FrameBatching.OFF.enabled());
    }

    @Test
    void withoutBatchingEveryFrameIsWrittenAlone() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = new OutboundQueue(sink, 1024);
        queue.offer("{\"a\":0}");
        queue.offer("{\"a\":1}");
        queue.offer("{\"a\":2}");
        sink.completeOne();
        sink.completeOne();
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "{\"a\":1}", "{\"a\":2}"), sink.written);
        assertFalse(queue.isBatching());
    }

    @Test
    void aLoneFrameIsWrittenAsItIsWithNothingAddedOrWaitedFor() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = queue(sink, 65536);
        queue.offer("{\"a\":0}", 17);
        assertEquals(List.of("{\"a\":0}"), sink.written, "written at once, as a plain object");
        sink.completeOne();
        queue.offer("{\"a\":1}");
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "{\"a\":1}"), sink.written);
        assertEquals(List.of(17L), eventsWritten);
        assertTrue(batches.isEmpty());
        assertTrue(queue.isBatching());
    }

    @Test
    void framesWaitingBehindAWriteGoOutAsOneArrayInOrder() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = queue(sink, 65536);
        queue.offer("{\"a\":0}", 10);
        queue.offer("{\"a\":1}", 11);
        queue.offer("{\"reply\":true}");
        queue.offer("{\"a\":2}", 12);
        assertEquals(3, queue.size());
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "[{\"a\":1},{\"reply\":true},{\"a\":2}]"), sink.written);
        assertEquals(0, queue.size());
        assertTrue(queue.isBacklogged(), "the array is still being written");
        assertEquals(List.of(10L), eventsWritten, "events count once their frame is written");
        sink.completeOne();
        assertEquals(List.of(10L, 11L, 12L), eventsWritten, "every event of the array counts, replies do not");
        assertEquals(List.of(3), batches);
        assertFalse(queue.isBacklogged());
    }

    @Test
    void anArrayStaysWithinTheLimitAndTheFrameThatDoesNotFitStartsTheNextWrite() {
        HeldWritesSink sink = new HeldWritesSink();
        // Each frame is 9 characters: "[" + 2 frames + "," + "]" = 21 fit in 21, a third would not.
        OutboundQueue queue = queue(sink, 21);
        queue.offer("{\"a\":100}");
        for (int i = 101; i <= 105; i++) {
            queue.offer("{\"a\":" + i + "}");
        }
        for (int i = 0; i < 4; i++) {
            sink.completeOne();
        }
        assertEquals(List.of("{\"a\":100}", "[{\"a\":101},{\"a\":102}]", "[{\"a\":103},{\"a\":104}]", "{\"a\":105}"),
                sink.written);
        sink.written.forEach(frame -> assertTrue(frame.length() <= 21, frame));
        assertEquals(List.of(2, 2), batches);
        assertEquals(0, queue.size());
    }

    @Test
    void aFrameLargerThanTheLimitIsStillWrittenAlone() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = queue(sink, 10);
        String large = "{\"a\":\"" + "x".repeat(40) + "\"}";
        queue.offer("{\"a\":0}");
        queue.offer(large);
        queue.offer("{\"a\":1}");
        sink.completeOne();
        sink.completeOne();
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", large, "{\"a\":1}"), sink.written);
    }

    @Test
    void aPingEndsABatchAndIsWrittenAfterExactlyTheFramesQueuedBeforeIt() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = queue(sink, 65536);
        queue.offer("{\"a\":0}");
        queue.offer("{\"a\":1}");
        queue.offer("{\"a\":2}");
        queue.offerPing();
        queue.offer("{\"a\":3}");
        queue.offer("{\"a\":4}");
        assertEquals(5, queue.size());
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "[{\"a\":1},{\"a\":2}]"), sink.written);
        assertEquals(3, queue.size(), "the ping carried to the next write is still counted as waiting");
        assertTrue(queue.isBacklogged());
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "[{\"a\":1},{\"a\":2}]", HeldWritesSink.PING, "[{\"a\":3},{\"a\":4}]"), sink.written);
        sink.completeOne();
        assertFalse(queue.isBacklogged());
    }

    @Test
    void aCloseAfterPendingComesAfterTheArrayOfWhatWasQueuedBeforeIt() {
        HeldWritesSink sink = new HeldWritesSink();
        OutboundQueue queue = queue(sink, 65536);
        queue.offer("{\"a\":0}");
        queue.offer("{\"a\":1}");
        queue.offer("{\"error\":true}");
        queue.closeAfterPending(CloseCode.SESSION_EXPIRED);
        sink.completeOne();
        assertTrue(sink.closes.isEmpty(), "not before the last frames are written");
        sink.completeOne();
        assertEquals(List.of("{\"a\":0}", "[{\"a\":1},{\"error\":true}]"), sink.written);
        assertEquals(List.of(CloseCode.SESSION_EXPIRED), sink.closes);
    }

    @Test
    void aConflatedFrameSupersededWhileWaitingIsLeftOutOfTheArray() {
        HeldWritesSink sink = new HeldWritesSink();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AtomicInteger conflated = new AtomicInteger();
        ConflationWindow window = new ConflationWindow(0, now::get, conflated::addAndGet);
        OutboundQueue queue = new OutboundQueue(sink, 1024, eventsWritten::add, window,
                new FrameBatching(65536, batches::add));
        queue.offer(quote(1), 1, "K");  // written at once
        queue.offer(quote(2), 2, "K");  // nothing waits yet: not slow, queued as is
        queue.offer(quote(3), 3, "K");  // a frame waits at the window of 0: slow, replaceable
        queue.offer(quote(4), 4, "K");  // supersedes 3
        assertEquals(1, conflated.get());
        sink.completeOne();
        assertEquals(List.of(quote(1), "[" + quote(2) + "," + MessageFrames.withConflated(quote(4), 1) + "]"),
                sink.written);
        sink.completeOne();
        assertEquals(List.of(1L, 2L, 4L), eventsWritten);
        assertEquals(0, queue.size());
    }

    private static String quote(int seq) {
        return "{\"type\":\"message\",\"room\":\"ticker\",\"seq\":" + seq + ",\"event\":{}}";
    }

    @Test
    void underConcurrentOffersEveryFrameIsWrittenOnceAndInOrderPerProducer() throws Exception {
        int producers = 4;
        int perProducer = 5000;
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        ExecutorService completer = Executors.newSingleThreadExecutor();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        FrameSink sink = new FrameSink() {
            @Override
            public void write(String frame, WriteCallback done) {
                if (inFlight.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                assertTrue(frame.length() <= 200, "within the limit: " + frame);
                if (frame.startsWith("[")) {
                    received.addAll(Arrays.asList(frame.substring(1, frame.length() - 1).split(",")));
                } else {
                    received.add(frame);
                }
                completer.execute(() -> {
                    inFlight.decrementAndGet();
                    done.written(null);
                });
            }

            @Override
            public void ping() {
            }

            @Override
            public void close(CloseCode code) {
                throw new AssertionError("closed with " + code);
            }
        };
        OutboundQueue queue = new OutboundQueue(sink, 1_000_000, eventsWritten::add, ConflationWindow.DEFAULT,
                new FrameBatching(200, batches::add));
        ExecutorService offering = Executors.newFixedThreadPool(producers);
        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            int producer = p;
            offering.execute(() -> {
                for (int i = 0; i < perProducer; i++) {
                    queue.offer("p" + producer + "-" + i, 1);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < producers * perProducer || queue.isBacklogged()) {
            assertTrue(System.nanoTime() < deadline, "only " + received.size() + " written");
            Thread.sleep(5);
        }
        offering.shutdownNow();
        completer.shutdownNow();
        assertEquals(0, overlaps.get(), "one write at a time");
        assertEquals(producers * perProducer, received.size());
        int[] next = new int[producers];
        for (String frame : received) {
            int producer = frame.charAt(1) - '0';
            assertEquals("p" + producer + "-" + next[producer], frame, "in order, once");
            next[producer]++;
        }
        assertEquals(producers * perProducer, eventsWritten.size(), "every event counted once");
        int batched = batches.stream().mapToInt(Integer::intValue).sum();
        assertTrue(batched <= producers * perProducer);
    }
}
