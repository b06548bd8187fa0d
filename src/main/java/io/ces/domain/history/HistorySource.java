package io.ces.domain.history;

import io.ces.domain.event.Target;

/**
 * Where events older than the in-memory history are read from: Kafka itself, by position. Implementations bound
 * how much they read and answer an incomplete replay rather than wait too long.
 */
public interface HistorySource {

    /**
     * The events of {@code stream} after {@code afterSeq} up to the current end of its partition.
     *
     * @param topic     the stream's topic when known from history, else null (the implementation derives it)
     * @param partition the stream's partition when known, else -1
     */
    Replay read(Target stream, long afterSeq, String topic, int partition);

    /**
     * Where the stream's next events will be: its partition by the routing-key contract. Null when the topic is not
     * known. Answered without a broker round trip once the topic's partition count is known, since every new
     * session asks.
     */
    StreamLocation partitionOf(Target stream);

    /** The partition's last offset now (-1 when empty): a broker round trip. */
    long lastOffset(StreamLocation location);
}
