package io.ces.domain.publish;

/**
 * Where a published event was stored: its Kafka record. {@code offset} is the {@code seq} that subscribers receive
 * the event with.
 */
public record EventPosition(String topic, int partition, long offset) {
}
