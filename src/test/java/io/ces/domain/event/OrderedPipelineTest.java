package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {

    private final List<Throwable> stepFailures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private OrderedPipeline<Integer> pipeline;

    private OrderedPipeline<Integer> pipeline(int capacity) {
        pipeline = new OrderedPipeline<>(capacity, task -> {
            Thread thread = new Thread(task, "test-pipeline");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }, stepFailures::add);
        return pipeline;
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Records what ran, in order, and on which thread. */
    private static final class Recorder {
        final List<String> ran = new CopyOnWriteArrayList<>();
        final List<Thread> on = new CopyOnWriteArrayList<>();
        final CountDownLatch done;

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        OrderedPipeline.Step<Integer> step(String name) {
            return new OrderedPipeline.Step<>() {
                @Override
                public void run(Integer value, Throwable failure) {
                    ran.add(name + "=" + (failure == null ? value : "failed:" + failure.getMessage()));
                    on.add(Thread.currentThread());
                    done.countDown();
                }

                @Override
                public void abandoned() {
                    ran.add(name + "=abandoned");
                    done.countDown();
                }
            };
        }

        void await() throws InterruptedException {
            assertTrue(done.await(5, TimeUnit.SECONDS), "steps ran: " + ran);
        }
    }

    @Test
    void stepsRunInSubmissionOrderWhateverOrderTheirInputsCompleteIn() throws Exception {
        pipeline(16);
        Recorder recorder = new Recorder(3);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        CompletableFuture<Integer> third = new CompletableFuture<>();
        pipeline.submit(first, recorder.step("a"));
        pipeline.submit(second, recorder.step("b"));
        pipeline.submit(third, recorder.step("c"));

        third.complete(3);
        second.complete(2);
        Thread.sleep(50);
        assertEquals(List.of(), recorder.ran, "nothing runs before the first input is ready");
        first.complete(1);
        recorder.await();

        assertEquals(List.of("a=1", "b=2", "c=3"), recorder.ran);
    }

    @Test
    void aFailedInputReachesItsStepAndTheNextStepsStillRun() throws Exception {
        pipeline(16);
        Recorder recorder = new Recorder(2);
        pipeline.submit(CompletableFuture.failedFuture(new IllegalStateException("cache down")), recorder.step("a"));
        pipeline.submit(CompletableFuture.completedFuture(2), recorder.step("b"));
        recorder.await();

        assertEquals(List.of("a=failed:cache down", "b=2"), recorder.ran);
    }

    @Test
    void stepsRunOnThePipelinesThreadNotOnTheOneThatCompletesTheInput() throws Exception {
        pipeline(16);
        Recorder recorder = new Recorder(1);
        CompletableFuture<Integer> input = new CompletableFuture<>();
        pipeline.submit(input, recorder.step("a"));
        Thread completer = new Thread(() -> input.complete(1), "cache-io");
        completer.start();
        completer.join();
        recorder.await();

        assertEquals(threads, recorder.on);
    }

    @Test
    void aStepThatThrowsIsReportedAndTheRestRun() throws Exception {
        pipeline(16);
        Recorder recorder = new Recorder(1);
        pipeline.submit(CompletableFuture.completedFuture(1), new OrderedPipeline.Step<>() {
            @Override
            public void run(Integer value, Throwable failure) {
                throw new IllegalArgumentException("bug");
            }

            @Override
            public void abandoned() {
            }
        });
        pipeline.submit(CompletableFuture.completedFuture(2), recorder.step("b"));
        recorder.await();

        assertEquals(List.of("b=2"), recorder.ran);
        assertEquals("bug", stepFailures.get(0).getMessage());
    }

    @Test
    void aFullPipelineHoldsTheSubmitterBackUntilAStepHasRun() throws Exception {
        pipeline(2);
        Recorder recorder = new Recorder(3);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        pipeline.submit(first, recorder.step("a"));
        pipeline.submit(CompletableFuture.completedFuture(2), recorder.step("b"));
        AtomicReference<Boolean> thirdSubmitted = new AtomicReference<>(false);
        Thread submitter = new Thread(() -> {
            pipeline.submit(CompletableFuture.completedFuture(3), recorder.step("c"));
            thirdSubmitted.set(true);
        });
        submitter.start();
        submitter.join(200);
        assertFalse(thirdSubmitted.get(), "the third submit waits while two steps wait");

        first.complete(1);
        submitter.join(5_000);
        recorder.await();
        assertEquals(List.of("a=1", "b=2", "c=3"), recorder.ran);
    }

    @Test
    void closingRunsWhatCompletesWithinTheGraceAndAbandonsTheRest() throws Exception {
        pipeline(16);
        Recorder recorder = new Recorder(2);
        CompletableFuture<Integer> completesLate = new CompletableFuture<>();
        pipeline.submit(CompletableFuture.completedFuture(1), recorder.step("a"));
        pipeline.submit(completesLate, recorder.step("b"));
        pipeline.close(Duration.ofMillis(200));
        recorder.await();

        assertEquals(List.of("a=1", "b=abandoned"), recorder.ran);
        Recorder after = new Recorder(1);
        pipeline.submit(CompletableFuture.completedFuture(3), after.step("c"));
        assertEquals(List.of("c=abandoned"), after.ran);
    }

    @Test
    void manyStepsFromOneSubmitterWithInputsCompletedOnOtherThreadsKeepTheirOrder() throws Exception {
        pipeline(64);
        int count = 20_000;
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int value = i;
            CompletableFuture<Integer> input = CompletableFuture.supplyAsync(() -> {
                return value;
            });
            pipeline.submit(input, new OrderedPipeline.Step<>() {
                @Override
                public void run(Integer v, Throwable failure) {
                    seen.add(v);
                    done.countDown();
                }

                @Override
                public void abandoned() {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        for (int i = 0; i < count; i++) {
            assertEquals(i, seen.get(i));
        }
    }
}
