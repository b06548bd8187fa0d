package io.ces.infrastructure.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Shares one run of a lookup among the callers that ask for the same key at the same time. A caller gets the answer
 * of a run that started after it asked, never an older one: while a run is in flight, the callers that arrive wait
 * for it to end and then share the next run. So the answer is as fresh as the caller's own lookup would have been,
 * but a burst of N callers costs two runs, not N.
 *
 * <p>Why: every new subscription asks the broker for its partition's end offset until the replica has routed an
 * event there. A reconnect storm opened thousands of subscriptions at once, and each waited for one of the few
 * Kafka readers to make its own round trip.
 */
final class CoalescedLookup<K, V> {

    private final Function<K, V> lookup;
    private final Map<K, Runs<V>> runs = new ConcurrentHashMap<>();

    CoalescedLookup(Function<K, V> lookup) {
        this.lookup = lookup;
    }

    /**
     * The answer of a run of the lookup for {@code key} that started after this call began.
     *
     * @throws RuntimeException what that run threw
     */
    V get(K key) {
        Runs<V> state = runs.computeIfAbsent(key, k -> new Runs<>());
        long needed;
        synchronized (state) {
            needed = state.started + 1;
            while (state.completed < needed) {
                if (!state.running) {
                    state.running = true;
                    state.started = needed;
                    break;
                }
                try {
                    state.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a lookup of " + key, e);
                }
            }
            if (state.completed >= needed) {
                return state.answer();
            }
        }
        V value = null;
        RuntimeException failure = null;
        try {
            value = lookup.apply(key);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (state) {
            state.running = false;
            state.completed = needed;
            state.value = value;
            state.failure = failure;
            state.notifyAll();
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** The runs of one key: numbered in the order they start, one at a time. Guarded by its own monitor. */
    private static final class Runs<V> {

        long started;
        long completed;
        boolean running;
        V value;
        RuntimeException failure;

        V answer() {
            if (failure != null) {
                throw new IllegalStateException("the shared lookup failed: " + failure.getMessage(), failure);
            }
            return value;
        }
    }
}
