package io.ces.domain.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A socket whose writes complete only when the test says so, as a client that reads when told: it records the
 * frames written and, as {@link #PING}, the pings, in order, and the close codes. The queue keeps one write in flight,
 * so the held write is always the one to complete next.
 */
final class HeldWritesSink implements FrameSink {

    /** What {@link #written} holds for a ping. */
    static final String PING = "PING";

    final List<String> written = new CopyOnWriteArrayList<>();
    final List<CloseCode> closes = new CopyOnWriteArrayList<>();
    private final Deque<WriteCallback> held = new ArrayDeque<>();

    @Override
    public synchronized void write(String frame, WriteCallback done) {
        written.add(frame);
        held.add(done);
    }

    @Override
    public void ping() {
        written.add(PING);
    }

    @Override
    public void close(CloseCode code) {
        closes.add(code);
    }

    /** The client reads one frame: the write in flight completes, and the queue starts the next. */
    void completeOne() {
        WriteCallback next;
        synchronized (this) {
            next = held.poll();
        }
        if (next == null) {
            throw new AssertionError("no write in flight");
        }
        next.written(null); // outside the lock: the queue may write the next frame from here
    }

    /** The client reads until nothing is in flight. */
    void completeAll() {
        while (hasWriteInFlight()) {
            completeOne();
        }
    }

    synchronized boolean hasWriteInFlight() {
        return !held.isEmpty();
    }
}
