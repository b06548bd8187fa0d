package io.ces.domain.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleSupplier;

/**
 * Bounded retries that keep order per lane (a room, a session, a user) without holding up the others.
 *
 * <p>A job that fails parks its lane: the lane's later jobs queue behind it, in order, while every other lane goes
 * on. The parked job is retried with {@link Backoff}; once it succeeds the queue drains, and after its last retry it
 * is given up (dead-lettered) and the queue drains all the same. A job that succeeds at once costs one map lookup.
 *
 * @param <K> what a lane is keyed by
 */
public final class RetryLanes<K> {

    /** Runs a task later, on some other thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }

    /** One unit of work, such as routing one record. */
    public interface Job {

        /** Does the work; a RuntimeException means it failed for now and may succeed later. */
        void attempt();

        /** After the last retry failed: what this returns (such as the dead-letter write) completes the job. */
        CompletionStage<Void> giveUp(int retries, Instant firstFailure, Instant lastFailure, RuntimeException cause);
    }

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Backoff backoff;
    private final Scheduler scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ConcurrentHashMap<K, Queue<Parked>> lanes = new ConcurrentHashMap<>();

    public RetryLanes(Backoff backoff, Scheduler scheduler, Clock clock, DoubleSupplier random) {
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
    }

    /** Runs the job now, or queues it behind its lane's parked jobs; completes when it is done or given up. */
    public CompletionStage<Void> submit(K lane, Job job) {
        Parked parked = new Parked(job);
        if (lanes.isEmpty() || lanes.computeIfPresent(lane, (key, queue) -> {
            queue.add(parked);
            return queue;
        }) == null) {
            try {
                job.attempt();
                return DONE;
            } catch (RuntimeException failure) {
                parked.failed(clock.instant(), failure);
                if (backoff.exhaustedAfter(0)) {
                    giveUp(parked);
                } else {
                    park(lane, parked);
                }
            }
        }
        return parked.done;
    }

    /** How many lanes are waiting for a retry now. */
    public int parkedLanes() {
        return lanes.size();
    }

    /** How many jobs wait in parked lanes now, the parked ones included. */
    public int parkedJobs() {
        return lanes.values().stream().mapToInt(Queue::size).sum();
    }

    private void park(K lane, Parked first) {
        boolean[] opened = {false};
        lanes.compute(lane, (key, queue) -> {
            if (queue == null) {
                queue = new ConcurrentLinkedQueue<>();
                opened[0] = true;
            }
            queue.add(first);
            return queue;
        });
        if (opened[0]) {
            scheduleRetry(lane, first);
        }
    }

    private void scheduleRetry(K lane, Parked head) {
        scheduler.schedule(() -> drain(lane), backoff.delayBefore(head.retries + 1, random));
    }

    /** Works through a parked lane from its head until it is empty or its head fails again. */
    private void drain(K lane) {
        Queue<Parked> queue = lanes.get(lane);
        while (queue != null) {
            Parked head = queue.peek();
            if (head == null) {
                if (lanes.computeIfPresent(lane, (key, q) -> q.isEmpty() ? null : q) == null) {
                    return;
                }
                continue;
            }
            boolean retry = head.firstFailure != null;
            try {
                head.job.attempt();
                queue.poll();
                head.done.complete(null);
            } catch (RuntimeException failure) {
                head.failed(clock.instant(), failure);
                if (retry) {
                    head.retries++;
                }
                if (backoff.exhaustedAfter(head.retries)) {
                    queue.poll();
                    giveUp(head);
                } else {
                    scheduleRetry(lane, head);
                    return;
                }
            }
        }
    }

    private void giveUp(Parked parked) {
        CompletionStage<Void> given;
        try {
            given = parked.job.giveUp(parked.retries, parked.firstFailure, parked.lastFailure, parked.cause);
        } catch (RuntimeException e) {
            given = CompletableFuture.failedFuture(e);
        }
        given.whenComplete((ignored, error) -> {
            if (error == null) {
                parked.done.complete(null);
            } else {
                parked.done.completeExceptionally(error);
            }
        });
    }

    private static final class Parked {

        final Job job;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int retries;
        Instant firstFailure;
        Instant lastFailure;
        RuntimeException cause;

        Parked(Job job) {
            this.job = job;
        }

        void failed(Instant at, RuntimeException failure) {
            if (firstFailure == null) {
                firstFailure = at;
            }
            lastFailure = at;
            cause = failure;
        }
    }
}
