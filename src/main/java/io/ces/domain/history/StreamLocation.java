package io.ces.domain.history;

/** The topic and partition a stream's events are in: a stream's seqs are offsets of that partition. */
public record StreamLocation(String topic, int partition) {
}
