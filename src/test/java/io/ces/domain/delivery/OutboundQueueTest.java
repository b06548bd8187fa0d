package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundQueueTest {

    /**
     * A sink that records frames and close codes and checks that writes never overlap. Subclasses decide when a
     * write completes.
     */
    private abstract static class CheckingSink implements FrameSink {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final List<CloseCode> closes = new CopyOnWriteArrayList<>();
        volatile boolean abandoned;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public final void write(String frame, WriteCallback done) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            frames.add(frame);
            start(frame, () -> {
                inFlight.decrementAndGet();
                done.written(null);
            }, failure -> {
                inFlight.decrementAndGet();
                done.written(failure);
            });
        }

        abstract void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail);

        @Override

        public void ping() {

        }


        @Override
        public void close(CloseCode code) {
            closes.add(code);
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }

    /** Completes every write inside write(), on the writing thread. */
    private static final class SynchronousSink extends CheckingSink {
        @Override
        void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail) {
            succeed.run();
        }
    }

    /** Completes every write later, on its own thread. */
    private static final class AsynchronousSink extends CheckingSink {
        final ExecutorService completer = Executors.newSingleThreadExecutor();
        final CountDownLatch written;

        AsynchronousSink(int expected) {
            this.written = new CountDownLatch(expected);
        }

        @Override
        void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail) {
            completer.execute(() -> {
                Thread.yield();
                succeed.run();
                written.countDown();
            });
        }
    }

    /** Never completes a write on its own; the test completes them by hand. */
    private static final class HoldingSink extends CheckingSink {
        final List<Runnable> held = new CopyOnWriteArrayList<>();
        final List<java.util.function.Consumer<Throwable>> heldFailures = new CopyOnWriteArrayList<>();

        @Override
        void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail) {
            held.add(succeed);
            heldFailures.add(fail);
        }

        void completeLatest() {
            held.get(held.size() - 1).run();
        }

        void failLatest(Throwable failure) {
            heldFailures.get(heldFailures.size() - 1).accept(failure);
        }
    }

    private final List<ExecutorService> executors = new ArrayList<>();

    @AfterEach
    void stopExecutors() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static List<String> frames(String prefix, int count) {
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(prefix + i);
        }
        return frames;
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundQueue(new SynchronousSink(), 0));
    }

    @Test
    void writesFramesInOfferOrder() {
        SynchronousSink sink = new SynchronousSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);

        assertTrue(queue.offer("a"));
        assertTrue(queue.offer("b"));
        assertTrue(queue.offer("c"));

        assertEquals(List.of("a", "b", "c"), sink.frames);
        assertEquals(0, queue.size());
        assertTrue(sink.closes.isEmpty());
    }

    @Test
    void aLiveEventFrameReportsItsRecordTimeOnceWrittenAndOtherFramesDoNot() {
        SynchronousSink sink = new SynchronousSink();
        List<Long> timed = new ArrayList<>();
        OutboundQueue queue = new OutboundQueue(sink, 8, timed::add);

        assertTrue(queue.offer("reply"));
        assertTrue(queue.offer("event", 1_700_000_000_000L));
        assertTrue(queue.offer("replayed", 0));

        assertEquals(List.of("reply", "event", "replayed"), sink.frames);
        assertEquals(List.of(1_700_000_000_000L), timed);
    }

    @Test
    void aQueueIsBackloggedWhileAWriteIsInFlightOrItsTransportHoldsFrames() {
        HoldingSink sink = new HoldingSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);
        assertFalse(queue.isBacklogged());
        queue.offer("a");
        assertTrue(queue.isBacklogged(), "a write in flight");
        sink.completeLatest();
        assertFalse(queue.isBacklogged());

        OutboundQueue behindAnother = new OutboundQueue(new FrameSink() {
            @Override
            public void write(String frame, WriteCallback done) {
                done.written(null);
            }

            @Override
            public void ping() {
            }

            @Override
            public void close(CloseCode code) {
            }

            @Override
            public boolean isBacklogged() {
                return true;
            }
        }, 8);
        assertTrue(behindAnother.isBacklogged(), "frames the transport has not written yet");
    }

    @Test
    void framesOfferedDuringAWriteWaitAndAreWrittenInOrderAfterIt() {
        HoldingSink sink = new HoldingSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);

        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        assertEquals(List.of("a"), sink.frames);
        assertEquals(2, queue.size());

        sink.completeLatest();
        assertEquals(List.of("a", "b"), sink.frames);
        sink.completeLatest();
        assertEquals(List.of("a", "b", "c"), sink.frames);
        sink.completeLatest();
        assertEquals(1, sink.maxInFlight.get());
        assertEquals(0, queue.size());
    }

    @Test
    void asynchronousSinkGetsOneWriteAtATimeInOrder() throws Exception {
        int count = 20_000;
        AsynchronousSink sink = new AsynchronousSink(count);
        executors.add(sink.completer);
        OutboundQueue queue = new OutboundQueue(sink, count);

        for (String frame : frames("f", count)) {
            assertTrue(queue.offer(frame));
        }

        assertTrue(sink.written.await(30, TimeUnit.SECONDS), "all writes completed");
        assertEquals(frames("f", count), sink.frames);
        assertEquals(1, sink.maxInFlight.get());
        assertTrue(sink.closes.isEmpty());
    }

    @Test
    void synchronouslyCompletingSinkDoesNotRecurse() {
        int count = 100_000;
        SynchronousSink sink = new SynchronousSink();
        OutboundQueue queue = new OutboundQueue(sink, 16);

        assertDoesNotThrow(() -> {
            for (int i = 0; i < count; i++) {
                queue.offer("f" + i);
            }
        });

        assertEquals(count, sink.frames.size());
        assertEquals("f" + (count - 1), sink.frames.get(count - 1));
        assertEquals(1, sink.maxInFlight.get());
        assertTrue(sink.closes.isEmpty());
    }

    @Test
    void longBacklogDrainedThroughSynchronousCompletionsDoesNotRecurse() {
        int backlog = 100_000;
        /** Holds the first write, then completes every later one inside write(). */
        final class FirstHeldSink extends CheckingSink {
            Runnable first;

            @Override
            void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail) {
                if (first == null) {
                    first = succeed;
                } else {
                    succeed.run();
                }
            }
        }
        FirstHeldSink sink = new FirstHeldSink();
        OutboundQueue queue = new OutboundQueue(sink, backlog);
        queue.offer("first");
        for (int i = 0; i < backlog; i++) {
            assertTrue(queue.offer("f" + i));
        }
        assertEquals(backlog, queue.size());

        assertDoesNotThrow(() -> sink.first.run());

        assertEquals(backlog + 1, sink.frames.size());
        assertEquals(0, queue.size());
        assertEquals(1, sink.maxInFlight.get());
    }

    @Test
    void overflowBeyondCapacityWaitingFramesClosesOnceAsSlowConsumer() {
        int capacity = 3;
        HoldingSink sink = new HoldingSink();
        OutboundQueue queue = new OutboundQueue(sink, capacity);

        assertTrue(queue.offer("in-flight"));
        for (int i = 0; i < capacity; i++) {
            assertTrue(queue.offer("waiting-" + i));
        }
        assertEquals(capacity, queue.size());
        assertTrue(sink.closes.isEmpty());

        assertFalse(queue.offer("overflow"));
        assertFalse(queue.offer("after-close"));
        assertFalse(queue.offer("after-close-2"));

        assertEquals(List.of(CloseCode.SLOW_CONSUMER), sink.closes);
        assertTrue(queue.isClosed());
        assertEquals(List.of("in-flight"), sink.frames);
    }

    @Test
    void waitingFramesAreDroppedWhenClosed() {
        HoldingSink sink = new HoldingSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);
        queue.offer("a");
        queue.offer("b");

        queue.close(CloseCode.NORMAL);
        sink.completeLatest();

        assertEquals(List.of("a"), sink.frames);
        assertEquals(0, queue.size());
        assertEquals(List.of(CloseCode.NORMAL), sink.closes);
    }

    @Test
    void closeIsIdempotentAndOfferAfterCloseIsRefused() {
        SynchronousSink sink = new SynchronousSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);

        queue.close(CloseCode.SESSION_CLOSED);
        queue.close(CloseCode.NORMAL);

        assertFalse(queue.offer("late"));
        assertEquals(List.of(CloseCode.SESSION_CLOSED), sink.closes);
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void aWriteThatFailsAtOnceAbandonsTheBrokenConnectionWithoutACloseFrame() {
        CheckingSink sink = new CheckingSink() {
            @Override
            void start(String frame, Runnable succeed, java.util.function.Consumer<Throwable> fail) {
                fail.accept(new java.io.IOException("broken pipe"));
            }
        };
        OutboundQueue queue = new OutboundQueue(sink, 8);

        queue.offer("a");

        assertTrue(sink.abandoned);
        assertTrue(sink.closes.isEmpty(), "a close frame on a dead socket would hold a thread");
        assertTrue(queue.isClosed());
        assertFalse(queue.offer("b"));
        assertEquals(List.of("a"), sink.frames);
    }

    @Test
    void aWriteThatFailsLaterAbandonsTheConnectionAndDropsWaitingFrames() {
        HoldingSink sink = new HoldingSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);
        queue.offer("a");
        queue.offer("b");

        sink.failLatest(new java.io.IOException("reset"));

        assertTrue(sink.abandoned);
        assertTrue(sink.closes.isEmpty());
        assertEquals(List.of("a"), sink.frames);
        assertFalse(queue.offer("c"));
    }

    @Test
    void concurrentOffersToSynchronousSinkAreEachWrittenExactlyOnce() throws Exception {
        assertConcurrentOffersWrittenOnce(new SynchronousSink(), null);
    }

    @Test
    void concurrentOffersToAsynchronousSinkAreEachWrittenExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        AsynchronousSink sink = new AsynchronousSink(threads * perThread);
        executors.add(sink.completer);
        assertConcurrentOffersWrittenOnce(sink, sink.written);
    }

    private void assertConcurrentOffersWrittenOnce(CheckingSink sink, CountDownLatch allWritten) throws Exception {
        int threads = 4;
        int perThread = 10_000;
        OutboundQueue queue = new OutboundQueue(sink, threads * perThread);
        ExecutorService offerers = Executors.newFixedThreadPool(threads);
        executors.add(offerers);
        CyclicBarrier start = new CyclicBarrier(threads);
        Map<Integer, Throwable> errors = new ConcurrentHashMap<>();
        CountDownLatch offered = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            offerers.execute(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        if (!queue.offer("t" + thread + "-" + i)) {
                            throw new AssertionError("offer refused");
                        }
                    }
                } catch (Throwable e) {
                    errors.put(thread, e);
                } finally {
                    offered.countDown();
                }
            });
        }
        assertTrue(offered.await(30, TimeUnit.SECONDS));
        assertEquals(Map.of(), errors);
        if (allWritten != null) {
            assertTrue(allWritten.await(30, TimeUnit.SECONDS), "all writes completed");
        }

        List<String> written = new ArrayList<>(sink.frames);
        assertEquals(threads * perThread, written.size());
        Set<String> distinct = new HashSet<>(written);
        assertEquals(threads * perThread, distinct.size(), "no frame written twice");
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            List<String> ofThread = written.stream().filter(f -> f.startsWith(prefix)).toList();
            assertEquals(frames(prefix, perThread), ofThread, "frames of one thread keep their order");
        }
        assertEquals(1, sink.maxInFlight.get());
        assertEquals(0, queue.size());
        assertTrue(sink.closes.isEmpty());
    }

    @Test
    void aWriteThatThrowsClosesTheConnectionInsteadOfStallingTheQueue() {
        List<CloseCode> closes = new CopyOnWriteArrayList<>();
        FrameSink throwing = new FrameSink() {
            @Override
            public void write(String frame, WriteCallback done) {
                throw new IllegalStateException("socket already closed");
            }

            @Override

            public void ping() {

            }


            @Override
            public void close(CloseCode code) {
                closes.add(code);
            }
        };
        OutboundQueue queue = new OutboundQueue(throwing, 4);
        assertDoesNotThrow(() -> queue.offer("a"));
        assertEquals(List.of(CloseCode.INTERNAL_ERROR), closes);
        assertFalse(queue.offer("b"), "a closed queue refuses frames");
    }

    @Test
    void aPingWaitsForTheWriteInFlightAndKeepsItsPlaceInLine() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<FrameSink.WriteCallback> pending = new CopyOnWriteArrayList<>();
        FrameSink manual = new FrameSink() {
            @Override
            public void write(String frame, WriteCallback done) {
                events.add("write:" + frame);
                pending.add(done);
            }

            @Override
            public void ping() {
                events.add("ping");
            }

            @Override
            public void close(CloseCode code) {
                events.add("close:" + code);
            }
        };
        OutboundQueue queue = new OutboundQueue(manual, 8);
        queue.offer("a");
        queue.offerPing();
        queue.offer("b");
        assertEquals(List.of("write:a"), events, "nothing else while a write is in flight");
        pending.get(0).written(null);
        assertEquals(List.of("write:a", "ping", "write:b"), events);
    }

    @Test
    void closeAfterPendingWritesTheFramesQueuedBeforeClosing() {
        SynchronousSink sink = new SynchronousSink();
        OutboundQueue queue = new OutboundQueue(sink, 8);
        queue.offer("last words");
        queue.closeAfterPending(CloseCode.SESSION_EXPIRED);
        assertEquals(List.of("last words"), sink.frames);
        assertEquals(List.of(CloseCode.SESSION_EXPIRED), sink.closes);
        assertFalse(queue.offer("too late"));
    }
}
