/**
 * Events that clients publish through CES instead of writing to Kafka themselves: the validated request
 * ({@link io.ces.domain.publish.PublishRequest}), the CloudEvent built from it
 * ({@link io.ces.domain.publish.OutgoingEvent}), the {@link io.ces.domain.publish.EventPublisher} port that writes it,
 * and where it was written ({@link io.ces.domain.publish.EventPosition}).
 */
package io.ces.domain.publish;
