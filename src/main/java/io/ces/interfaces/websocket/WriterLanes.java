package io.ces.interfaces.websocket;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A few single-threaded lanes that write frames to sockets with blocking writes.
 *
 * <p>Why not the container's asynchronous send: Liberty queues every asynchronous WebSocket write to its write
 * selector, which hands the actual write to a worker thread and calls back on yet another, so each frame costs two
 * thread hand-offs and an {@code epoll_ctl}. A blocking write on a thread of CES's own writes straight to the socket
 * (profiled in docs/performance.md). Each connection is pinned to one lane, which keeps its frames in order.
 *
 * <p>The price of blocking writes is that a client which stops reading, once the kernel's buffers are full, holds
 * its lane; Liberty sets no timeout on them. {@link #replaceStuckLanes} (run every second) gives a lane whose write
 * has taken longer than the write timeout a new thread, hands it the work queued behind the stuck write, and
 * reports the stuck connection so that it can be closed. The old thread is interrupted and ends when its socket does.
 */
final class WriterLanes {

    private static final Logger LOG = Logger.getLogger(WriterLanes.class.getName());

    /** What a lane is told when one of its writes is stuck. */
    interface StuckWriter {
        void stuck();
    }

    private final Lane[] lanes;
    private final ThreadFactory threads;
    private final long writeTimeoutNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger nextLane = new AtomicInteger();

    WriterLanes(int count, ThreadFactory threads, long writeTimeoutNanos, LongSupplier nanoClock) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one writer lane is needed");
        }
        this.threads = threads;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.nanoClock = nanoClock;
        this.lanes = new Lane[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane(Executors.newSingleThreadExecutor(threads));
        }
    }

    /** The lane for a new connection, in turn. */
    Lane next() {
        return lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)];
    }

    /** Replaces the thread of every lane whose current write started more than the write timeout ago. */
    int replaceStuckLanes() {
        int replaced = 0;
        long now = nanoClock.getAsLong();
        for (Lane lane : lanes) {
            if (lane.replaceIfStuck(now)) {
                replaced++;
            }
        }
        return replaced;
    }

    void shutdown() {
        for (Lane lane : lanes) {
            lane.writer.executor.shutdownNow();
        }
    }

    /** One connection's place among the writers: its writes run, in order, on the lane's current thread. */
    final class Lane {

        private volatile Writer writer;

        private Lane(ExecutorService executor) {
            this.writer = new Writer(executor);
        }

        /** Runs {@code write} on this lane after everything queued before it; false when the lane is shut down. */
        boolean execute(StuckWriter stuckWriter, Runnable write) {
            Writer current = writer;
            try {
                current.executor.execute(() -> current.run(stuckWriter, write));
                return true;
            } catch (RejectedExecutionException shutDown) {
                return false;
            }
        }

        private synchronized boolean replaceIfStuck(long now) {
            Writer current = writer;
            long started = current.writeStartedNanos;
            StuckWriter stuck = current.writing;
            if (started == 0 || stuck == null || now - started < writeTimeoutNanos) {
                return false;
            }
            Writer fresh = new Writer(Executors.newSingleThreadExecutor(threads));
            writer = fresh;
            List<Runnable> waiting = current.executor.shutdownNow();
            waiting.forEach(fresh.executor::execute);
            LOG.warning(() -> "CES0110W: a socket write has been blocked for more than "
                    + writeTimeoutNanos / 1_000_000_000L + " s; its connection is closed and the "
                    + waiting.size() + " writes queued behind it continue on a new writer thread");
            stuck.stuck();
            return true;
        }
    }

    /** A lane's thread and the write it is busy with; a stuck one is left to its socket, with its own state. */
    private final class Writer {

        private final ExecutorService executor;
        private volatile long writeStartedNanos;
        private volatile StuckWriter writing;

        private Writer(ExecutorService executor) {
            this.executor = executor;
        }

        private void run(StuckWriter stuckWriter, Runnable write) {
            writing = stuckWriter;
            writeStartedNanos = nanoClock.getAsLong() | 1; // never 0, which means idle
            try {
                write.run();
            } finally {
                writeStartedNanos = 0;
                writing = null;
            }
        }
    }
}
