package io.ces.interfaces.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.FrameSink;

/**
 * Writes an outbound queue to a WebSocket with the container's asynchronous send. The queue guarantees one write
 * in flight, so this adapter keeps a single callback and allocates nothing per frame.
 */
final class WebSocketFrameSink implements FrameSink, SendHandler {

    private static final Logger LOG = Logger.getLogger(WebSocketFrameSink.class.getName());

    private static final byte[] PING_PAYLOAD = {'c', 'e', 's'};

    private final Session socket;
    private final RemoteEndpoint.Async remote;
    private final Executor closer;
    private volatile WriteCallback callback;

    WebSocketFrameSink(Session socket, Executor closer) {
        this.socket = socket;
        this.remote = socket.getAsyncRemote();
        this.closer = closer;
    }

    @Override
    public void write(String frame, WriteCallback done) {
        callback = done;
        remote.sendText(frame, this);
    }

    @Override
    public void onResult(SendResult result) {
        callback.written(result.isOK() ? null : result.getException());
    }

    @Override
    public void ping() {
        try {
            // Liberty writes from the buffer's backing array, so it must be a writable one of its own.
            remote.sendPing(ByteBuffer.wrap(PING_PAYLOAD.clone()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
