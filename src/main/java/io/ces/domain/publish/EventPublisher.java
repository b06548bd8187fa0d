package io.ces.domain.publish;

import java.util.concurrent.CompletionStage;

/** Writes published events to the event topic. */
public interface EventPublisher {

    /** Completes with the record's position once the broker acknowledged it; fails if it did not. */
    CompletionStage<EventPosition> publish(OutgoingEvent event);
}
