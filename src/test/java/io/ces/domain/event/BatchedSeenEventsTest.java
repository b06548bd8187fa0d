package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchedSeenEventsTest {

    /**
     * The shared store as the cache keeps it: the first position per identity, every batch recorded. Like the real
     * one, it answers only the identities another record carried first.
     */
    private static final class Store implements BatchedSeenEvents.FirstPositions {
        final Map<String, String> firsts = new ConcurrentHashMap<>();
        final List<Map<String, String>> batches = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile RuntimeException failure;

        @Override
        public Set<String> claim(Map<String, String> proposed) {
            batches.add(Map.copyOf(proposed));
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            Set<String> repeats = new HashSet<>();
            proposed.forEach((identity, position) -> {
                if (!firsts.computeIfAbsent(identity, i -> position).equals(position)) {
                    repeats.add(identity);
                }
            });
            return repeats;
        }
    }

    private final Store store = new Store();
    private final List<BatchedSeenEvents> opened = new ArrayList<>();

    private BatchedSeenEvents seen(int maxBatch) {
        BatchedSeenEvents seen = new BatchedSeenEvents(store, maxBatch, task -> {
            Thread thread = new Thread(task, "test-seen-events");
            thread.setDaemon(true);
            return thread;
        });
        opened.add(seen);
        return seen;
    }

    @AfterEach
    void close() {
        opened.forEach(BatchedSeenEvents::close);
    }

    private static boolean answer(java.util.concurrent.CompletionStage<Boolean> check) {
        return check.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void theSameRecordReadAgainIsStillTheFirst() {
        BatchedSeenEvents seen = seen(16);
        assertTrue(answer(seen.firstOccurrenceAsync("src", "e1", "t-0@7")));
        assertTrue(answer(seen.firstOccurrenceAsync("src", "e1", "t-0@7")), "another replica, or after a restart");
        assertTrue(seen.firstOccurrence("src", "e1", "t-0@7"), "a retry");
    }

    @Test
    void anotherRecordWithTheSameSourceAndIdIsADuplicate() {
        BatchedSeenEvents seen = seen(16);
        assertTrue(answer(seen.firstOccurrenceAsync("src", "e1", "t-0@7")));
        assertFalse(answer(seen.firstOccurrenceAsync("src", "e1", "t-0@9")));
        assertFalse(seen.firstOccurrence("src", "e1", "t-1@3"));
        assertTrue(answer(seen.firstOccurrenceAsync("other", "e1", "t-0@10")), "another source");
    }

    @Test
    void withinOneBatchTheRecordReadFirstWins() {
        BatchedSeenEvents seen = seen(16);
        store.gate = new CountDownLatch(1);
        CompletableFuture<Boolean> blocker = seen.firstOccurrenceAsync("src", "blocker", "t-0@0").toCompletableFuture();
        awaitBatches(1); // the sender waits for the store: what follows gathers into the next batch
        CompletableFuture<Boolean> first = seen.firstOccurrenceAsync("src", "e1", "t-0@1").toCompletableFuture();
        CompletableFuture<Boolean> second = seen.firstOccurrenceAsync("src", "e1", "t-1@1").toCompletableFuture();
        CompletableFuture<Boolean> again = seen.firstOccurrenceAsync("src", "e1", "t-0@1").toCompletableFuture();
        store.gate.countDown();
        assertTrue(answer(blocker));
        assertTrue(answer(first));
        assertFalse(answer(second));
        assertTrue(answer(again));
        assertEquals(2, store.batches.size(), "the three checks went together: " + store.batches);
        assertEquals(Map.of("3:srce1", "t-0@1"), store.batches.get(1));
    }

    @Test
    void checksGatherWhileABatchIsAnsweredAndAreSentInOrder() {
        BatchedSeenEvents seen = seen(100);
        store.gate = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        checks.add(seen.firstOccurrenceAsync("src", "e0", "t-0@0").toCompletableFuture());
        awaitBatches(1);
        for (int i = 1; i <= 250; i++) {
            checks.add(seen.firstOccurrenceAsync("src", "e" + i, "t-0@" + i).toCompletableFuture());
        }
        store.gate.countDown();
        checks.forEach(check -> assertTrue(answer(check)));
        // one alone, then the 250 that gathered meanwhile, at most 100 at a time
        assertEquals(List.of(1, 100, 100, 50), store.batches.stream().map(Map::size).toList());
    }

    @Test
    void aStoreThatFailsFailsItsBatchOnlyAndTheNextBatchIsAnswered() {
        BatchedSeenEvents seen = seen(16);
        store.failure = new IllegalStateException("cache unavailable");
        CompletableFuture<Boolean> failed = seen.firstOccurrenceAsync("src", "e1", "t-0@1").toCompletableFuture();
        CompletionException thrown = assertThrows(CompletionException.class, () -> answer(failed));
        assertEquals("cache unavailable", thrown.getCause().getMessage());
        store.failure = null;
        assertTrue(answer(seen.firstOccurrenceAsync("src", "e1", "t-0@1")), "its retry");
    }

    @Test
    void checksStartedAfterCloseFail() {
        BatchedSeenEvents seen = seen(16);
        seen.close();
        CompletableFuture<Boolean> late = seen.firstOccurrenceAsync("src", "e1", "t-0@1").toCompletableFuture();
        assertTrue(late.isCompletedExceptionally());
    }

    @Test
    void theIdentityKeepsSourceAndIdApart() {
        assertNotEquals(BatchedSeenEvents.identity("a:b", "c"), BatchedSeenEvents.identity("a", "b:c"));
        assertNotEquals(BatchedSeenEvents.identity("ab", "c"), BatchedSeenEvents.identity("a", "bc"));
    }

    private void awaitBatches(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.batches.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, store.batches.size());
    }
}
