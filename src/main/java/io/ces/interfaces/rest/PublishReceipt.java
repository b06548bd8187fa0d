package io.ces.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a publish: the event's id and the position of its Kafka record, which subscribers see as seq. */
@Schema(name = "PublishReceipt", description = "The published event's id and position")
public record PublishReceipt(
        @Schema(description = "The CloudEvent id: the request's, or a generated UUID") String id,
        @Schema(description = "The room") String room,
        @Schema(description = "The Kafka topic") String topic,
        @Schema(description = "The Kafka partition") int partition,
        @Schema(description = "The record's offset: the seq subscribers receive the event with") long offset) {
}
