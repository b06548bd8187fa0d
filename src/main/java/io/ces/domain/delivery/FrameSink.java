package io.ces.domain.delivery;

/**
 * The transport under an {@link OutboundQueue}: one asynchronous text write at a time, and closing.
 * The WebSocket endpoint implements it over {@code RemoteEndpoint.Async}.
 */
public interface FrameSink {

    /** Starts writing one text frame; {@code done} is called exactly once when the write ends. */
    void write(String frame, WriteCallback done);

    /**
     * Writes a ping control frame. Called only between text writes, never while one is in flight, so it may
     * complete synchronously.
     */
    void ping();

    void close(CloseCode code);

    /** Called once when a write ends; {@code failure} is null on success. */
    @FunctionalInterface
    interface WriteCallback {
        void written(Throwable failure);
    }
}
