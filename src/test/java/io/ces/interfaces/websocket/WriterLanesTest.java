package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterLanesTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private WriterLanes lanes = new WriterLanes(2, Executors.defaultThreadFactory(), 10, clock::get);

    @AfterEach
    void shutdown() {
        lanes.shutdown();
    }

    @Test
    void connectionsAreSpreadOverTheLanesInTurn() {
        WriterLanes.Lane first = lanes.next();
        WriterLanes.Lane second = lanes.next();
        assertNotSame(first, second);
        assertSame(first, lanes.next());
    }

    @Test
    void aLaneRunsItsWritesInOrder() throws InterruptedException {
        WriterLanes.Lane lane = lanes.next();
        List<Integer> written = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            lane.execute(() -> { }, () -> {
                written.add(n);
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, written.get(i));
        }
    }

    @Test
    void aBlockedWriteIsReportedAndTheWritesBehindItMoveToANewThread() throws InterruptedException {
        WriterLanes.Lane lane = lanes.next();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stuckReports = new AtomicInteger();
        lane.execute(stuckReports::incrementAndGet, () -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        CountDownLatch behind = new CountDownLatch(1);
        lane.execute(() -> { }, behind::countDown);
        assertTrue(blocked.await(5, TimeUnit.SECONDS));

        assertEquals(0, lanes.replaceStuckLanes(), "not stuck before the timeout");
        clock.addAndGet(20);
        assertEquals(1, lanes.replaceStuckLanes());

        assertEquals(1, stuckReports.get());
        assertTrue(behind.await(5, TimeUnit.SECONDS), "the write behind the stuck one ran on the new thread");
        CountDownLatch later = new CountDownLatch(1);
        lane.execute(() -> { }, later::countDown);
        assertTrue(later.await(5, TimeUnit.SECONDS), "the lane keeps working");
        release.countDown();
    }

    @Test
    void anIdleLaneIsNeverStuck() {
        clock.addAndGet(1_000_000);
        assertEquals(0, lanes.replaceStuckLanes());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            // the watchdog interrupts a stuck writer; the test releases it anyway
        }
    }
}
