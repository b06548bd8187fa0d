package io.ces.domain.delivery;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a connection counts as slow, so that its queue conflates events of conflated rooms: once the live event's
 * frame next in line has waited for {@code windowNanos} (the client reads more slowly than events come, or not at
 * all), or half the queue is waiting. A client that keeps up meets neither and gets every event.
 *
 * @param windowNanos how long a live event's frame may wait in the queue before the client counts as slow
 * @param nanoClock   {@link System#nanoTime()}, or a test's clock
 * @param conflated   told of every event replaced by a newer one of its key (and so never sent)
 */
public record ConflationWindow(long windowNanos, LongSupplier nanoClock, EventsConflated conflated) {

    /** The default window of one second, counted nowhere. */
    public static final ConflationWindow DEFAULT =
            new ConflationWindow(TimeUnit.SECONDS.toNanos(1), System::nanoTime, events -> { });

    public ConflationWindow {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("the conflation window must not be negative");
        }
    }

    /** Told how many events were conflated away. */
    @FunctionalInterface
    public interface EventsConflated {
        void conflated(int events);
    }
}
