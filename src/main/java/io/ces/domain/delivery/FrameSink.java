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

    /**
     * The connection broke (a write failed): nothing more is written, not even a close frame. A graceful close
     * of a dead socket waits for the peer's close frame and holds a thread meanwhile; in a reconnect storm
     * thousands of those starve the server. The transport notices the broken socket itself.
     */
    default void abandon() {
        // nothing to release by default
    }

    /**
     * Whether frames or pings handed to this transport are still waiting to reach the socket (for instance behind
     * another connection's blocked write). A client that was sent nothing cannot be blamed for not answering.
     */
    default boolean isBacklogged() {
        return false;
    }

    /** Called once when a write ends; {@code failure} is null on success. */
    @FunctionalInterface
    interface WriteCallback {
        void written(Throwable failure);
    }
}
