package io.ces.domain.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The idempotency window, asked about many records at once: the checks that the reading threads start are sent to
 * the shared store together, by a thread of its own, one batch at a time, so that the store sees one request per
 * batch instead of one per record.
 *
 * <p>While a batch is answered, the next checks gather; when the store is idle, a check is sent at once, alone.
 * So a busy reader gets large batches and a quiet one no added wait. Batches go out in the order the checks were
 * started, and within a batch the record read first proposes its position: of two records carrying the same event,
 * the one read first wins, as with one request per record.
 */
public final class BatchedSeenEvents implements SeenEvents, AutoCloseable {

    /** The shared store of the window: the position of the first record seen to carry each event. */
    @FunctionalInterface
    public interface FirstPositions {

        /**
         * Stores the proposed position of every identity of {@code proposed} that no record carried within the
         * window, and answers the identities another record carried first: the repeats. An identity the answer
         * leaves out was first at its proposed position (just now, or when that record was read before). Atomic per
         * identity. May throw when the store is unavailable.
         */
        Set<String> claim(Map<String, String> proposed);
    }

    /** One record's check, answered when its batch is. */
    private static final class Check extends CompletableFuture<Boolean> {
        final String identity;
        final String position;

        Check(String identity, String position) {
            this.identity = identity;
            this.position = position;
        }
    }

    private static final long IDLE_PARK_NANOS = Duration.ofMillis(100).toNanos();

    private final FirstPositions store;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Check> waiting = new ConcurrentLinkedQueue<>();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile boolean parked;

    /**
     * @param store the shared store
     * @param maxBatch at most this many checks in one request
     * @param threads makes the one thread that sends the batches
     */
    public BatchedSeenEvents(FirstPositions store, int maxBatch, ThreadFactory threads) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.sender = threads.newThread(this::sendUntilStopped);
        sender.start();
    }

    /** The key of an event in the window. The length prefix keeps ("a:b", "c") and ("a", "b:c") apart. */
    public static String identity(String source, String id) {
        return source.length() + ":" + source + id;
    }

    /** Asks the store on the caller's thread, alone: for retries, which are rare. */
    @Override
    public boolean firstOccurrence(String source, String id, String position) {
        return store.claim(Map.of(identity(source, id), position)).isEmpty();
    }

    @Override
    public CompletionStage<Boolean> firstOccurrenceAsync(String source, String id, String position) {
        Check check = new Check(identity(source, id), position);
        if (!running) {
            check.completeExceptionally(new IllegalStateException("CES is stopping"));
            return check;
        }
        waiting.add(check);
        if (parked) {
            LockSupport.unpark(sender);
        }
        if (!running && waiting.remove(check)) {
            check.completeExceptionally(new IllegalStateException("CES is stopping")); // close() came meanwhile
        }
        return check;
    }

    /** How many checks wait to be sent. */
    public int waiting() {
        return waiting.size();
    }

    private void sendUntilStopped() {
        List<Check> batch = new ArrayList<>(maxBatch);
        while (running) {
            Check next = waiting.poll();
            if (next == null) {
                parked = true;
                if (waiting.isEmpty() && running) { // again, now that a check added from here on unparks this thread
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                parked = false;
                continue;
            }
            do {
                batch.add(next);
            } while (batch.size() < maxBatch && (next = waiting.poll()) != null);
            send(batch);
            batch.clear();
        }
        for (Check left; (left = waiting.poll()) != null; ) {
            left.completeExceptionally(new IllegalStateException("CES is stopping"));
        }
    }

    private void send(List<Check> batch) {
        Map<String, String> proposed = new HashMap<>(batch.size() * 2);
        for (Check check : batch) {
            proposed.putIfAbsent(check.identity, check.position); // the record read first proposes
        }
        Set<String> repeats;
        try {
            repeats = store.claim(proposed);
        } catch (RuntimeException | Error unavailable) {
            // every check must be answered, or its record would hold the pipeline forever
            for (Check check : batch) {
                check.completeExceptionally(unavailable);
            }
            return;
        }
        for (Check check : batch) {
            // not a repeat: first at the position proposed, by the record of this batch read first
            check.complete(!repeats.contains(check.identity) && proposed.get(check.identity).equals(check.position));
        }
    }

    /** Stops sending; checks not sent yet fail, and their records are not accounted for. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sender);
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
