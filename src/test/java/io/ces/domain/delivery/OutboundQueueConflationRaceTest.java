package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer taking a frame while a newer event of its key supersedes it: every event is written or counted in
 * the frame that superseded it, exactly once, and seqs only increase.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundQueueConflationRaceTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern CONFLATED = Pattern.compile("\"conflated\":(\\d+)");

    /** Completes every write on another thread, as the writer lanes do. */
    private static final class LaneSink implements FrameSink {
        final ExecutorService lane = Executors.newSingleThreadExecutor();
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public void write(String frame, WriteCallback done) {
            lane.execute(() -> {
                written.add(frame);
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
    }

    @Test
    void everyEventIsWrittenOrCountedOnceAndSeqsIncrease() throws Exception {
        LaneSink sink = new LaneSink();
        AtomicInteger conflated = new AtomicInteger();
        // A window of 0: whenever a live event waits, the client counts as slow, so superseding races the writer.
        OutboundQueue queue = new OutboundQueue(sink, 64, recordTime -> { },
                new ConflationWindow(0, System::nanoTime, conflated::addAndGet));
        int events = 100_000;
        for (int seq = 1; seq <= events; seq++) {
            assertTrue(queue.offer(MessageFrames.forRoom("room", seq, "{}"), 1, "room\u0000K" + seq % 3));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queue.isBacklogged() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sink.lane.shutdown();
        assertTrue(sink.lane.awaitTermination(10, TimeUnit.SECONDS));

        long lastSeq = 0;
        int accountedFor = 0;
        for (String frame : sink.written) {
            Matcher seq = SEQ.matcher(frame);
            assertTrue(seq.find());
            long value = Long.parseLong(seq.group(1));
            assertTrue(value > lastSeq, "seq " + value + " after " + lastSeq);
            lastSeq = value;
            Matcher count = CONFLATED.matcher(frame);
            accountedFor += 1 + (count.find() ? Integer.parseInt(count.group(1)) : 0);
        }
        assertEquals(events, accountedFor);
        assertEquals(events - sink.written.size(), conflated.get());
        assertEquals(events, lastSeq, "the last event is always written");
        assertEquals(0, queue.size());
        assertTrue(sink.written.size() < events, "some events were conflated: " + sink.written.size());
    }
}
