package io.ces.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedLookupTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callersOneAfterAnotherEachGetAFreshRun() {
        AtomicInteger runs = new AtomicInteger();
        CoalescedLookup<String, Integer> lookup = new CoalescedLookup<>(key -> runs.incrementAndGet());

        assertEquals(1, lookup.get("p0"));
        assertEquals(2, lookup.get("p0"));
        assertEquals(3, lookup.get("p1"));
    }

    @Test
    void callersArrivingDuringARunShareTheNextRunAndNeverGetTheOlderAnswer() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        CoalescedLookup<String, Integer> lookup = new CoalescedLookup<>(key -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                firstRunStarted.countDown();
                await(releaseFirstRun);
            }
            return run;
        });
        Future<Integer> first = callers.submit(() -> lookup.get("p0"));
        assertTrue(firstRunStarted.await(5, TimeUnit.SECONDS));

        List<Thread> waiting = new ArrayList<>();
        List<Future<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            later.add(callers.submit(() -> {
                synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                }
                return lookup.get("p0");
            }));
        }
        awaitAllWaiting(waiting, 8);
        releaseFirstRun.countDown();

        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        for (Future<Integer> answer : later) {
            assertEquals(2, answer.get(5, TimeUnit.SECONDS), "the run that started after the caller asked");
        }
        assertEquals(2, runs.get(), "nine callers, two runs");
    }

    @Test
    void aFailedRunFailsEveryCallerThatSharedIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CoalescedLookup<String, Integer> lookup = new CoalescedLookup<>(key -> {
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
                return 1;
            }
            throw new IllegalStateException("broker unavailable");
        });
        Future<Integer> first = callers.submit(() -> lookup.get("p0"));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        List<Thread> waiting = new ArrayList<>();
        List<Future<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(callers.submit(() -> {
                synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                }
                return lookup.get("p0");
            }));
        }
        awaitAllWaiting(waiting, 3);
        release.countDown();

        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        for (Future<Integer> answer : later) {
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> answer.get(5, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalStateException);
        }
        assertEquals(2, runs.get());
        assertThrows(IllegalStateException.class, () -> lookup.get("p0"), "a failure is not remembered");
        assertEquals(3, runs.get());
    }

    /** Until every caller is parked on the lookup (the run in flight holds them). */
    private static void awaitAllWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the callers did not all wait for the run in flight");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
