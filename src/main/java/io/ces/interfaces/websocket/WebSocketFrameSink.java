package io.ces.interfaces.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.FrameSink;

/**
 * Writes an outbound queue to a WebSocket with blocking writes on the connection's writer lane (see
 * {@link WriterLanes} for why). The queue guarantees one write in flight, and the lane keeps the order.
 */
final class WebSocketFrameSink implements FrameSink, WriterLanes.StuckWriter {

    private static final Logger LOG = Logger.getLogger(WebSocketFrameSink.class.getName());

    private static final byte[] PING_PAYLOAD = {'c', 'e', 's'};
    /** The reason given to the queue for a write refused without trying: the socket is stuck or the lanes stopped. */
    private static final IOException NOT_WRITTEN = new IOException("not written: the connection is being closed");

    private final Session socket;
    private final RemoteEndpoint.Basic remote;
    private final Executor closer;
    private final WriterLanes.Lane lane;
    private volatile boolean stuck;
    /** Writes and pings handed to the lane that have not run yet. */
    private final java.util.concurrent.atomic.AtomicInteger onLane = new java.util.concurrent.atomic.AtomicInteger();

    WebSocketFrameSink(Session socket, Executor closer, WriterLanes.Lane lane) {
        this.socket = socket;
        this.remote = socket.getBasicRemote();
        this.closer = closer;
        this.lane = lane;
    }

    @Override
    public void write(String frame, WriteCallback done) {
        onLane.incrementAndGet();
        if (stuck || !lane.execute(this, () -> {
            onLane.decrementAndGet();
            done.written(send(frame));
        })) {
            onLane.decrementAndGet();
            done.written(NOT_WRITTEN);
        }
    }

    private Throwable send(String frame) {
        try {
            remote.sendText(frame);
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    @Override
    public void ping() {
        if (stuck) {
            return;
        }
        // Queued on the lane like a frame, so that a client that stopped reading cannot block the heartbeat timer.
        onLane.incrementAndGet();
        boolean queued = lane.execute(this, () -> {
            onLane.decrementAndGet();
            try {
                // Liberty writes from the buffer's backing array, so it must be a writable one of its own.
                remote.sendPing(ByteBuffer.wrap(PING_PAYLOAD.clone()));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "a ping failed; the heartbeat notices the silence", e);
            }
        });
        if (!queued) {
            onLane.decrementAndGet();
        }
    }

    @Override
    public boolean isBacklogged() {
        return onLane.get() > 0;
    }

    /** A write to this socket blocked for longer than the write timeout: the client is not reading. */
    @Override
    public void stuck() {
        stuck = true;
        close(CloseCode.SLOW_CONSUMER);
    }

    /** Closing writes a close frame, which may wait on a slow client: never do that on the Kafka thread. */
    @Override
    public void close(CloseCode code) {
        if (code == CloseCode.SERVICE_RESTART) {
            // The server is stopping: its executors may already refuse work, and nothing else is waiting anyway.
            closeNow(code);
            return;
        }
        try {
            closer.execute(() -> closeNow(code));
        } catch (RejectedExecutionException stopping) {
            // the executor is gone while the application stops
            closeNow(code);
        }
    }

    @Override
    public void abandon() {
        LOG.fine("a write failed; the connection is left to the container, which sees the broken socket");
    }

    private void closeNow(CloseCode code) {
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.reason()));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "close of a connection failed", e);
        }
    }
}
