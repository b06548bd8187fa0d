package io.ces.domain.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class RetryLanesTest {

    /** Runs scheduled retries only when the test says so, and remembers the delays asked for. */
    private final Deque<Runnable> scheduled = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final RetryLanes<String> lanes = new RetryLanes<>(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2),
            (task, delay) -> {
                scheduled.add(task);
                delays.add(delay);
            }, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), () -> 1.0);

    /** A job that fails the first {@code failures} attempts and then records its name. */
    private final class FlakyJob implements RetryLanes.Job {

        final String name;
        int failuresLeft;
        int retriesWhenGivenUp = -1;

        FlakyJob(String name, int failures) {
            this.name = name;
            this.failuresLeft = failures;
        }

        @Override
        public void attempt() {
            if (failuresLeft-- > 0) {
                throw new IllegalStateException("cache unavailable");
            }
            log.add(name);
        }

        @Override
        public CompletionStage<Void> giveUp(int retries, Instant firstFailure, Instant lastFailure,
                RuntimeException cause) {
            retriesWhenGivenUp = retries;
            log.add("dead:" + name);
            return CompletableFuture.completedFuture(null);
        }
    }

    private void runScheduled() {
        scheduled.poll().run();
    }

    @Test
    void aJobThatSucceedsRunsAtOnce() {
        CompletionStage<Void> done = lanes.submit("room-a", new FlakyJob("a1", 0));
        assertTrue(done.toCompletableFuture().isDone());
        assertEquals(List.of("a1"), log);
        assertEquals(0, lanes.parkedLanes());
    }

    @Test
    void aFailedJobHoldsBackItsLaneButNotTheOthers() {
        CompletionStage<Void> a1 = lanes.submit("room-a", new FlakyJob("a1", 1));
        CompletionStage<Void> a2 = lanes.submit("room-a", new FlakyJob("a2", 0));
        lanes.submit("room-b", new FlakyJob("b1", 0));
        assertEquals(List.of("b1"), log, "room b goes on while room a waits");
        assertFalse(a1.toCompletableFuture().isDone());
        assertEquals(2, lanes.parkedJobs());

        runScheduled();
        assertEquals(List.of("b1", "a1", "a2"), log, "room a in its order once the retry succeeds");
        assertTrue(a1.toCompletableFuture().isDone() && a2.toCompletableFuture().isDone());
        assertEquals(0, lanes.parkedLanes());
        lanes.submit("room-a", new FlakyJob("a3", 0));
        assertEquals("a3", log.get(3), "an emptied lane runs at once again");
    }

    @Test
    void afterTheLastRetryTheJobIsGivenUpAndTheLaneDrains() {
        FlakyJob stuck = new FlakyJob("a1", 100);
        CompletionStage<Void> a1 = lanes.submit("room-a", stuck);
        lanes.submit("room-a", new FlakyJob("a2", 0));
        runScheduled();
        runScheduled();
        assertEquals(List.of("dead:a1", "a2"), log);
        assertEquals(2, stuck.retriesWhenGivenUp);
        assertTrue(a1.toCompletableFuture().isDone());
        assertTrue(scheduled.isEmpty());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), delays, "backoff between the retries");
    }

    @Test
    void aQueuedJobThatFailsBecomesTheNewHead() {
        lanes.submit("room-a", new FlakyJob("a1", 1));
        lanes.submit("room-a", new FlakyJob("a2", 1));
        lanes.submit("room-a", new FlakyJob("a3", 0));
        runScheduled();
        assertEquals(List.of("a1"), log);
        runScheduled();
        assertEquals(List.of("a1", "a2", "a3"), log);
        assertEquals(0, lanes.parkedLanes());
    }

    @Test
    void withoutRetriesAFailureIsGivenUpAtOnce() {
        RetryLanes<String> noRetries = new RetryLanes<>(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0),
                (task, delay) -> scheduled.add(task), Clock.systemUTC(), () -> 0.5);
        FlakyJob job = new FlakyJob("a1", 1);
        assertTrue(noRetries.submit("room-a", job).toCompletableFuture().isDone());
        assertEquals(List.of("dead:a1"), log);
        assertEquals(0, job.retriesWhenGivenUp);
        assertTrue(scheduled.isEmpty());
    }
}
