package io.ces.infrastructure.messaging;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * The loop that polls one of CES's own Kafka consumers, on a plain daemon thread: Liberty's quiesce on
 * {@code server stop} waits 30 s for managed threads that never end, before the application hears of the stop.
 * The loops need no container context. Stopping wakes the consumer's poll and waits for the loop to finish.
 */
final class PollingThread {

    private final Consumer<?, ?> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code loop} runs while {@link #running()}; it owns the consumer, which is not thread-safe. */
    PollingThread(String name, Consumer<?, ?> consumer, Runnable loop) {
        this.consumer = consumer;
        this.thread = new Thread(loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean running() {
        return running;
    }

    /** Ends the loop: wakes a poll in progress and waits up to 10 s for the loop's last commit and close. */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
