package io.ces.domain.delivery;

/**
 * Whether an {@link OutboundQueue} may send the frames waiting in it as one WebSocket frame, a JSON array of them
 * (docs/protocol.md, "Batched frames"), and how large such an array may grow.
 *
 * <p>Why: every WebSocket frame costs the server a socket write and the client a read, whatever its size; under load
 * most of the cost of a delivery is that, not the bytes (docs/performance.md). A batch forms only from frames that
 * are already waiting while the previous write runs: nothing ever waits to fill one, so light load adds no latency.
 *
 * @param maxChars the largest array, in characters of its JSON text (bytes, for ASCII frames); a single frame larger
 *                 than that is still sent, alone. 0 turns batching off.
 * @param written  told of every array written, with the number of frames in it
 */
public record FrameBatching(int maxChars, BatchWritten written) {

    /** Every frame in a WebSocket frame of its own: the protocol without batching. */
    public static final FrameBatching OFF = new FrameBatching(0, frames -> { });

    public FrameBatching {
        if (maxChars < 0) {
            throw new IllegalArgumentException("the batch limit must not be negative");
        }
    }

    public boolean enabled() {
        return maxChars > 0;
    }

    /** Told of an array written to the socket. */
    @FunctionalInterface
    public interface BatchWritten {
        void written(int frames);
    }
}
