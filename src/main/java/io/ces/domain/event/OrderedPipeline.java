package io.ces.domain.event;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Steps that run one at a time, in the order they were submitted, each once its own input is ready; the inputs may
 * become ready in any order.
 *
 * <p>It lets the thread that reads records start each record's round trip to the shared cache (the idempotency
 * check) and go on reading, instead of waiting for every answer in turn: many checks are in flight, yet records
 * are routed in the order they were read. The steps run on one thread of the pipeline's own, never on the thread
 * that completes an input (a cache's I/O or partition thread, which must not be held up by routing).
 *
 * <p>At most {@code capacity} steps wait; {@link #submit} blocks beyond that, so that a reader faster than the
 * routing slows down instead of filling the heap.
 *
 * @param <T> the input of each step
 */
public final class OrderedPipeline<T> implements AutoCloseable {

    /** What to do with one input, on the pipeline's thread. */
    public interface Step<T> {

        /** The input is ready: its value, or why it could not be had ({@code failure} not null). */
        void run(T value, Throwable failure);

        /** The pipeline stopped before this step could run. */
        void abandoned();
    }

    private static final class Entry<T> {
        final Step<T> step;
        T value;
        Throwable failure;
        /** Written after value and failure, read before them: publishes them to the pipeline's thread. */
        volatile boolean ready;

        Entry(Step<T> step) {
            this.step = step;
        }
    }

    private static final Executor ON_COMPLETING_THREAD = Runnable::run;
    private static final long IDLE_PARK_NANOS = Duration.ofMillis(100).toNanos();

    private final ConcurrentLinkedQueue<Entry<T>> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore room;
    private final Consumer<Throwable> stepFailed;
    private final Thread runner;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile long stopDeadline;

    /**
     * @param capacity at most this many steps wait or run at once
     * @param threads makes the one thread that runs the steps
     * @param stepFailed told of anything a step throws; the pipeline goes on with the next step
     */
    public OrderedPipeline(int capacity, ThreadFactory threads, Consumer<Throwable> stepFailed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.room = new Semaphore(capacity);
        this.stepFailed = stepFailed;
        this.runner = threads.newThread(this::runUntilStopped);
        runner.start();
    }

    /** Queues {@code step} to run after every step submitted before it, once {@code input} is complete. */
    public void submit(CompletionStage<T> input, Step<T> step) {
        if (!running) {
            step.abandoned();
            return;
        }
        room.acquireUninterruptibly();
        Entry<T> entry = new Entry<>(step);
        waiting.add(entry);
        // Marking the entry ready is all that happens on the completing thread. Said explicitly, because some
        // futures (Hazelcast's) would otherwise hand even that to a pool of their choice.
        input.whenCompleteAsync((value, failure) -> {
            entry.value = value;
            entry.failure = failure;
            entry.ready = true;
            if (parked) {
                LockSupport.unpark(runner);
            }
        }, ON_COMPLETING_THREAD);
        if (!running && waiting.remove(entry)) {
            room.release();
            step.abandoned(); // close() came between the check above and the add: nobody else will run it
        }
    }

    /** How many steps wait now, for their input or for the steps before them. */
    public int waiting() {
        return waiting.size();
    }

    private void runUntilStopped() {
        while (running || (!waiting.isEmpty() && System.nanoTime() < stopDeadline)) {
            Entry<T> head = waiting.peek();
            if (head != null && head.ready) {
                waiting.poll();
                try {
                    head.step.run(head.value, head.failure);
                } catch (RuntimeException | Error failure) {
                    stepFailed.accept(failure);
                } finally {
                    room.release();
                }
                continue;
            }
            parked = true;
            head = waiting.peek(); // again, now that an input completing from here on will unpark this thread
            if (head == null || !head.ready) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            parked = false;
        }
        for (Entry<T> left; (left = waiting.poll()) != null; ) {
            room.release();
            left.step.abandoned();
        }
    }

    /**
     * Stops taking steps and runs those already submitted whose input completes within {@code grace}; the rest
     * are abandoned.
     */
    public void close(Duration grace) {
        stopDeadline = System.nanoTime() + grace.toNanos();
        running = false;
        LockSupport.unpark(runner);
        try {
            runner.join(grace.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
