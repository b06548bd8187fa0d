package io.ces.domain.event;

/**
 * One record as read from Kafka, before decoding: where it came from, and its raw value and headers.
 *
 * @param offset the record's offset in its partition; it becomes the event's {@code seq} in its room
 */
public record InboundRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value,
        EventHeaders headers) {

    /** {@code topic/partition/offset}, the way operators find a record again. */
    public String position() {
        return topic + "/" + partition + "/" + offset;
    }
}
